/* libFuzzer harness for nn_normalize.  The first two bytes choose the options
 * (form, case folding, mark stripping, every clean-up, the invalid-UTF-8
 * policy: every combination is reachable); the rest is the text.  Invariants: the output is valid UTF-8;
 * NFC and NFKC output is NFC-stable and NFD/NFKD output NFD-stable
 * (normalizing again changes nothing); without clean-ups or stripping the
 * result is utf8proc's; "error" fails exactly on invalid input, at the first
 * bad byte. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The options from the two leading bytes a and b. */
static void options_from(uint8_t a, uint8_t b, nn_normalize_options *o)
{
  nn_normalize_options_init(o);
  o->form = a & 3;
  o->casefold = (a >> 2) & 1;
  o->strip_marks = (a >> 3) & 1;
  o->invalid = ((a >> 4) & 3) % 3;
  o->quotes = (a >> 6) & 1;
  o->mojibake = (a >> 7) & 1;
  o->dashes = b & 1;
  o->ellipsis = (b >> 1) & 1;
  o->spaces = (b >> 2) & 1;
  o->invisible = (b >> 3) & 1;
  o->controls = (b >> 4) & 1;
  o->newlines = (b >> 5) & 1;
  o->collapse = (b >> 6) & 1;
  o->trim = (b >> 7) & 1;
  o->entities = (a & 0x30) == 0x30; /* with the otherwise unused invalid value 3 */
  o->tags = o->entities && (b & 0x81) == 0x81;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nn_normalize_options o, again;
  nn_buf out, out2;
  const char *text, *result;
  size_t len, result_len, bad = 0, bad2 = 0;
  int changed = 0, changed2 = 0, rc;
  if (size < 2) return 0;
  options_from(data[0], data[1], &o);
  text = (const char *)data + 2;
  len = size - 2;
  nn_buf_init(&out, &nn_default_allocator);
  rc = nn_normalize(text, len, &o, &out, &changed, &bad);
  if (rc == NN_EUTF8) {
    if (o.invalid != NN_INVALID_ERROR) abort();
    if (bad != nn_utf8_invalid_offset(text, len)) abort();
    nn_buf_free(&out);
    return 0;
  }
  if (rc != NN_OK) abort();
  if (o.invalid == NN_INVALID_ERROR && nn_utf8_invalid_offset(text, len) != len) abort();
  result = changed ? out.data : text;
  result_len = changed ? out.len : len;
  if (!changed && out.len != 0) abort();
  if (nn_utf8_invalid_offset(result, result_len) != result_len) abort();

  /* Normalizing the output again in its form's canonical family changes nothing. */
  nn_normalize_options_init(&again);
  again.form = (o.form == NN_FORM_NFC || o.form == NN_FORM_NFKC) ? NN_FORM_NFC : NN_FORM_NFD;
  nn_buf_init(&out2, &nn_default_allocator);
  if (nn_normalize(result, result_len, &again, &out2, &changed2, &bad2) != NN_OK) abort();
  if (changed2 && !fuzz_same_bytes(out2.data, out2.len, result, result_len)) abort();
  nn_buf_free(&out2);

  /* Without clean-ups the result is utf8proc's on valid input. */
  if (!o.quotes && !o.dashes && !o.ellipsis && !o.spaces && !o.invisible && !o.controls &&
      !o.newlines && !o.collapse && !o.trim && !o.entities && !o.tags && !o.mojibake &&
      nn_utf8_invalid_offset(text, len) == len) {
    utf8proc_uint8_t *ref = NULL;
    utf8proc_option_t u = UTF8PROC_STABLE;
    utf8proc_ssize_t rn;
    u |= (o.form == NN_FORM_NFC || o.form == NN_FORM_NFKC) ? UTF8PROC_COMPOSE : UTF8PROC_DECOMPOSE;
    if (o.form == NN_FORM_NFKC || o.form == NN_FORM_NFKD) u |= UTF8PROC_COMPAT;
    if (o.casefold) u |= UTF8PROC_CASEFOLD;
    if (o.strip_marks) u |= UTF8PROC_STRIPMARK;
    /* utf8proc sorts marks in quadratic time: keep its inputs short. */
    if (len <= 1024) {
      rn = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &ref, u);
      if (rn < 0 || !fuzz_same_bytes(ref, (size_t)rn, result, result_len)) abort();
      free(ref);
    }
  }
  nn_buf_free(&out);
  return 0;
}
