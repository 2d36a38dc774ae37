/* Normalization throughput: nn_normalize against utf8proc_map and ICU's
 * unorm2 normalizers, in the same process on the same text.
 *
 *   bench_normalize CORPUS [MULTI]
 *
 * For each corpus it prints MB/s (MB = 10^6 bytes of UTF-8 input) for NFC and
 * for NFKC with case folding, and the ratios.  ICU normalizes UTF-16: the
 * "ICU" column converts the input once beforehand and does not time the
 * conversion (a generous baseline); "ICU+conv" times the round trip from
 * UTF-8 to UTF-8 that newsnlp's callers would need.  newsnlp keeps its output
 * buffer across rounds as ICU keeps its output array; "(new buf)" allocates
 * a new one each round, as a Lua call does.  MB/s always counts the UTF-8
 * bytes of the text.
 * Before timing, each result is checked against utf8proc's. */
#include "bench.h"

#include <string.h>
#include <unicode/uversion.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

#include "newsnlp.h"

typedef struct job {
  const char *text;
  size_t len;
  nn_normalize_options opts;
  utf8proc_option_t up_options;
  const UNormalizer2 *icu;
  const UChar *u16;
  int32_t u16_len;
  UChar *u16_out;
  int32_t u16_cap;
  UChar *u16_in; /* for the round trip from and to UTF-8 */
  char *u8_out;
  size_t u8_cap;
  nn_buf out;
  size_t out_len; /* to keep the work observable */
} job;

/* The output buffer is kept across rounds, as ICU's output array is. */
static void run_newsnlp(void *ctx)
{
  job *j = ctx;
  size_t bad;
  int changed;
  if (nn_normalize(j->text, j->len, &j->opts, &j->out, &changed, &bad) != NN_OK) {
    fprintf(stderr, "bench: nn_normalize failed\n");
    exit(1);
  }
  j->out_len = changed ? j->out.len : j->len;
}

/* The same with a new output buffer each time, as a Lua call has. */
static void run_newsnlp_fresh(void *ctx)
{
  job *j = ctx;
  nn_buf out;
  size_t bad;
  int changed;
  nn_buf_init(&out, &nn_default_allocator);
  if (nn_normalize(j->text, j->len, &j->opts, &out, &changed, &bad) != NN_OK) {
    fprintf(stderr, "bench: nn_normalize failed\n");
    exit(1);
  }
  j->out_len = changed ? out.len : j->len;
  nn_buf_free(&out);
}

static void run_utf8proc(void *ctx)
{
  job *j = ctx;
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)j->text, (utf8proc_ssize_t)j->len,
                                    &out, j->up_options);
  if (n < 0) {
    fprintf(stderr, "bench: utf8proc_map failed: %s\n", utf8proc_errmsg(n));
    exit(1);
  }
  j->out_len = (size_t)n;
  free(out);
}

static void run_icu(void *ctx)
{
  job *j = ctx;
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = unorm2_normalize(j->icu, j->u16, j->u16_len, j->u16_out, j->u16_cap, &err);
  if (U_FAILURE(err)) {
    fprintf(stderr, "bench: unorm2_normalize failed: %s\n", u_errorName(err));
    exit(1);
  }
  j->out_len = (size_t)n;
}

/* ICU from UTF-8 to UTF-8: convert, normalize, convert back. */
static void run_icu_utf8(void *ctx)
{
  job *j = ctx;
  UErrorCode err = U_ZERO_ERROR;
  int32_t n16 = 0, n, n8 = 0;
  u_strFromUTF8WithSub(j->u16_in, j->u16_len + 1, &n16, j->text, (int32_t)j->len, 0xFFFD, NULL, &err);
  n = unorm2_normalize(j->icu, j->u16_in, n16, j->u16_out, j->u16_cap, &err);
  u_strToUTF8(j->u8_out, (int32_t)j->u8_cap, &n8, j->u16_out, n, &err);
  if (U_FAILURE(err)) {
    fprintf(stderr, "bench: ICU round trip failed: %s\n", u_errorName(err));
    exit(1);
  }
  j->out_len = (size_t)n8;
}

/* nn_normalize and utf8proc_map agree on the whole text. */
static void check_agreement(job *j)
{
  nn_buf out;
  size_t bad;
  int changed;
  utf8proc_uint8_t *ref = NULL;
  utf8proc_ssize_t n;
  const char *mine;
  size_t mine_len;
  nn_buf_init(&out, &nn_default_allocator);
  if (nn_normalize(j->text, j->len, &j->opts, &out, &changed, &bad) != NN_OK) exit(1);
  mine = changed ? out.data : j->text;
  mine_len = changed ? out.len : j->len;
  n = utf8proc_map((const utf8proc_uint8_t *)j->text, (utf8proc_ssize_t)j->len, &ref, j->up_options);
  if (n < 0 || (size_t)n != mine_len || memcmp(ref, mine, mine_len) != 0) {
    fprintf(stderr, "bench: nn_normalize and utf8proc_map disagree\n");
    exit(1);
  }
  free(ref);
  nn_buf_free(&out);
}

static double mbps(size_t bytes, double seconds)
{
  return (double)bytes / 1e6 / seconds;
}

static void bench_corpus(const char *path, int rounds)
{
  size_t len;
  char *text = bench_load(path, &len);
  UErrorCode err = U_ZERO_ERROR;
  int32_t u16_len = 0;
  UChar *u16;
  job j;
  double t_nfc, t_nfc_fresh, t_nfc_up, t_nfc_icu, t_nfc_icu8;
  double t_cf, t_cf_fresh, t_cf_up, t_cf_icu, t_cf_icu8;

  memset(&j, 0, sizeof j);
  nn_buf_init(&j.out, &nn_default_allocator);
  j.text = text;
  j.len = len;
  /* UTF-16 for ICU, converted once; invalid bytes become U+FFFD. */
  u_strFromUTF8WithSub(NULL, 0, &u16_len, text, (int32_t)len, 0xFFFD, NULL, &err);
  err = U_ZERO_ERROR;
  u16 = malloc(((size_t)u16_len + 1) * sizeof(UChar));
  u_strFromUTF8WithSub(u16, u16_len + 1, &u16_len, text, (int32_t)len, 0xFFFD, NULL, &err);
  if (U_FAILURE(err)) {
    fprintf(stderr, "bench: UTF-16 conversion failed\n");
    exit(1);
  }
  j.u16 = u16;
  j.u16_len = u16_len;
  j.u16_cap = u16_len * 3 + 16;
  j.u16_out = malloc((size_t)j.u16_cap * sizeof(UChar));
  j.u16_in = malloc(((size_t)u16_len + 1) * sizeof(UChar));
  j.u8_cap = (size_t)j.u16_cap * 3;
  j.u8_out = malloc(j.u8_cap);

  printf("\n%s: %zu bytes\n", path, len);

  /* NFC */
  nn_normalize_options_init(&j.opts);
  j.up_options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  check_agreement(&j);
  t_nfc = bench_best(rounds, run_newsnlp, &j);
  t_nfc_fresh = bench_best(rounds, run_newsnlp_fresh, &j);
  t_nfc_up = bench_best(3, run_utf8proc, &j);
  err = U_ZERO_ERROR;
  j.icu = unorm2_getNFCInstance(&err);
  t_nfc_icu = bench_best(rounds, run_icu, &j);
  t_nfc_icu8 = bench_best(rounds, run_icu_utf8, &j);

  /* NFKC + case folding */
  j.opts.form = NN_FORM_NFKC;
  j.opts.casefold = 1;
  j.up_options = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD;
  check_agreement(&j);
  t_cf = bench_best(rounds, run_newsnlp, &j);
  t_cf_fresh = bench_best(rounds, run_newsnlp_fresh, &j);
  t_cf_up = bench_best(3, run_utf8proc, &j);
  err = U_ZERO_ERROR;
  j.icu = unorm2_getNFKCCasefoldInstance(&err);
  t_cf_icu = bench_best(rounds, run_icu, &j);
  t_cf_icu8 = bench_best(rounds, run_icu_utf8, &j);

  printf("  %-14s %8s %8s %8s %8s %8s %10s %7s %8s\n", "MB/s", "newsnlp", "(new buf)",
         "utf8proc", "ICU", "ICU+conv", "x utf8proc", "x ICU", "x ICU+conv");
  printf("  %-14s %8.0f %9.0f %8.0f %8.0f %8.0f %10.1f %7.2f %10.2f\n", "NFC", mbps(len, t_nfc),
         mbps(len, t_nfc_fresh), mbps(len, t_nfc_up), mbps(len, t_nfc_icu), mbps(len, t_nfc_icu8),
         t_nfc_up / t_nfc, t_nfc_icu / t_nfc, t_nfc_icu8 / t_nfc);
  printf("  %-14s %8.0f %9.0f %8.0f %8.0f %8.0f %10.1f %7.2f %10.2f\n", "NFKC+casefold",
         mbps(len, t_cf), mbps(len, t_cf_fresh), mbps(len, t_cf_up), mbps(len, t_cf_icu),
         mbps(len, t_cf_icu8), t_cf_up / t_cf, t_cf_icu / t_cf, t_cf_icu8 / t_cf);
  nn_buf_free(&j.out);
  free(j.u16_in);
  free(j.u8_out);
  free(j.u16_out);
  free(u16);
  free(text);
}

int main(int argc, char **argv)
{
  int i;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_normalize CORPUS [MULTI]\n");
    return 2;
  }
  printf("normalization: newsnlp %s, utf8proc %s, ICU %s unorm2\n", NN_VERSION,
         utf8proc_version(), U_ICU_VERSION);
  for (i = 1; i < argc; i++) bench_corpus(argv[i], 10);
  return 0;
}
