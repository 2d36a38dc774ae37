/* A minimal harness for the C core tests: CHECK records a failure and goes
 * on; a test program's exit status is the number of failures (capped). */
#ifndef CTEST_H
#define CTEST_H

#include <stdio.h>
#include <string.h>

static int ctest_failures;
static int ctest_checks;

#define CHECK(cond)                                                              \
  do {                                                                           \
    ctest_checks++;                                                              \
    if (!(cond)) {                                                               \
      ctest_failures++;                                                          \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
    }                                                                            \
  } while (0)

#define CHECK_EQ_SIZE(a, b)                                                      \
  do {                                                                           \
    size_t ctest_a = (a), ctest_b = (b);                                         \
    ctest_checks++;                                                              \
    if (ctest_a != ctest_b) {                                                    \
      ctest_failures++;                                                          \
      fprintf(stderr, "%s:%d: %s == %zu, expected %zu\n", __FILE__, __LINE__, #a, \
              ctest_a, ctest_b);                                                 \
    }                                                                            \
  } while (0)

static inline int ctest_report(const char *name)
{
  printf("%s: %d checks, %d failures\n", name, ctest_checks, ctest_failures);
  return ctest_failures > 100 ? 100 : ctest_failures;
}

#endif
