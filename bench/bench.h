/* Shared helpers of the C benchmarks: load a corpus, time a function. */
#ifndef BENCH_H
#define BENCH_H

#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double bench_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reads a whole file; exits on failure. */
static inline char *bench_load(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *data;
  long n;
  if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "bench: cannot read %s\n", path);
    exit(1);
  }
  data = malloc((size_t)n + 1);
  if (!data || fread(data, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "bench: cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  data[n] = '\0';
  *len = (size_t)n;
  return data;
}

/* Best of `rounds` timings of fn(ctx), in seconds. */
static inline double bench_best(int rounds, void (*fn)(void *), void *ctx)
{
  double best = 1e30;
  int i;
  for (i = 0; i < rounds; i++) {
    double t0 = bench_now(), t;
    fn(ctx);
    t = bench_now() - t0;
    if (t < best) best = t;
  }
  return best;
}

#endif
