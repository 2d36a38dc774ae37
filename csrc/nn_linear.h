/* Linear learning on sparse vectors: the numerical part of the classifier.
 *
 * - nn_svm_train: an L2-regularized L2-loss (squared hinge) linear SVM solved
 *   in the dual by coordinate descent with shrinking (Hsieh, Chang, Lin,
 *   Keerthi and Sundararajan, "A Dual Coordinate Descent Method for
 *   Large-scale Linear SVM", ICML 2008).  Documents can be left out of a run
 *   (label 0), and a run can start from the solution of an earlier one, which
 *   makes k-fold cross-validation cost little more than one training.
 * - nn_platt_fit: a sigmoid that turns margins into probabilities (Platt 1999,
 *   with the Newton method and safeguards of Lin, Lin and Weng 2007).
 * - nn_scut_threshold: the margin threshold that maximizes F1 on held-out
 *   scores, with a fallback for categories learned too poorly (SCutFBR,
 *   Yang 2001).
 *
 * Nothing here allocates: callers pass every buffer, so these functions
 * cannot fail and run in time linear in their input (sorting aside). */
#ifndef NN_LINEAR_H
#define NN_LINEAR_H

#include "nn_core.h"

/* One non-zero entry of a sparse vector. */
typedef struct nn_csr_entry {
  uint32_t index;
  float value;
} nn_csr_entry;

/* Rows of sparse vectors (compressed sparse rows): row i has the entries
 * entry[row_start[i] .. row_start[i + 1]).  Indices are below cols.  Index
 * and value sit side by side: the solver reads them together. */
typedef struct nn_csr {
  size_t rows;
  size_t cols;
  const size_t *row_start; /* rows + 1 entries */
  const nn_csr_entry *entry;
  const double *sqnorm;    /* the squared norm of each row, or NULL */
} nn_csr;

/* The dot product of row i with a dense vector w of cols entries. */
double nn_csr_dot(const nn_csr *x, size_t i, const double *w);
/* The squared L2 norm of row i. */
double nn_csr_sqnorm(const nn_csr *x, size_t i);
/* w += coef * row i. */
void nn_csr_axpy(const nn_csr *x, size_t i, double coef, double *w);

typedef struct nn_svm_params {
  double cost_positive; /* C for documents labelled +1 (> 0) */
  double cost_negative; /* C for documents labelled -1 (> 0) */
  double bias;          /* the value of a constant extra feature (0: none) */
  double epsilon;       /* stop when the projected gradient spans less than this */
  unsigned max_epochs;  /* a bound on passes over the data */
  int recheck;          /* once the documents left after shrinking converge,
                           check every document again (1) or stop there (0) */
} nn_svm_params;

/* The defaults: C = 1 for both classes, bias 1, epsilon 0.1, 1000 epochs, recheck. */
void nn_svm_params_init(nn_svm_params *p);

/* Scratch space and state for nn_svm_train: order and diag hold x->rows
 * entries each; rng is any non-zero value and is advanced.  shrink_bound is
 * the bound on the projected gradient beyond which a document at alpha = 0 is
 * set aside for the rest of a run (shrinking), >= 0; HUGE_VAL starts without
 * one, as a cold start must.  A run leaves its final bound there, a good start for
 * a warm-started run on nearly the same data (every document is checked
 * again before a run ends, so the bound affects speed, not the solution).
 * Each pass over every document marks in end_idle the documents at alpha = 0
 * whose gradient exceeds idle_margin (far on the right side of the margin);
 * start_idle sets such documents aside from the start of a warm-started run,
 * which without recheck then never looks at them: an approximation that
 * serves cross-validation well. */
typedef struct nn_svm_work {
  uint32_t *order;
  double *diag;
  uint64_t rng;
  double shrink_bound;
  const unsigned char *start_idle; /* or NULL: documents marked 1 start set aside */
  unsigned char *end_idle;         /* or NULL: x->rows marks, see below */
  double idle_margin;
} nn_svm_work;

/* Trains on the rows of x whose label is +1 or -1 (rows labelled 0 are left
 * out).  w has x->cols + 1 entries, the last one the bias weight; alpha has
 * x->rows entries.  Both are read as the starting point, so they must agree:
 * w == sum over included rows of alpha[i] * label[i] * (row i, bias); zeroes
 * do.  To move from one subset to a smaller one, take the rows that leave
 * out of w with nn_svm_remove.  Returns the number of epochs run. */
unsigned nn_svm_train(const nn_csr *x, const signed char *label, const nn_svm_params *p,
                      nn_svm_work *work, double *w, double *alpha);

/* Removes row i's contribution from w and sets alpha[i] to 0. */
void nn_svm_remove(const nn_csr *x, size_t i, signed char label, double bias, double *w,
                   double *alpha);

/* The margin of row i: w . (row i, bias). */
double nn_svm_margin(const nn_csr *x, size_t i, const double *w, double bias);

/* Fits P(+1 | f) = 1 / (1 + exp(a * f + b)) to n margins and their +1/-1
 * labels (0 entries are skipped) by maximum likelihood on smoothed targets.
 * The probability always grows with the margin: when the fitted slope is
 * flatter than -1 (margins that barely predict the labels, as with a handful
 * of positives), the slope is set to -2 and only b is fitted. */
void nn_platt_fit(const double *f, const signed char *label, size_t n, double *a, double *b);

/* A (score, label) pair for nn_scut_threshold. */
typedef struct nn_scored {
  double score;
  int label; /* +1 or -1 */
} nn_scored;

/* Chooses the threshold on score that maximizes F1 over the n pairs (sorted
 * in place, best first).  The threshold lies halfway between the last
 * accepted and the first rejected score.  When the best F1 is below fbr, the
 * threshold is the highest score (only documents scoring above every
 * held-out one are accepted).  Stores the best F1 in *best_f1 when not NULL. */
double nn_scut_threshold(nn_scored *pairs, size_t n, double fbr, double *best_f1);

/* xorshift64*: a small deterministic generator for shuffling. */
static inline uint64_t nn_rng_next(uint64_t *state)
{
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * UINT64_C(2685821657736338717);
}

#endif
