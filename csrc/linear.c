/* Linear learning on sparse vectors: the dual coordinate descent SVM, Platt
 * scaling and the SCutFBR threshold.  See nn_linear.h for the references. */
#include <math.h>
#include <stdlib.h>

#include "nn_linear.h"

double nn_csr_dot(const nn_csr *x, size_t i, const double *w)
{
  const nn_csr_entry *e = x->entry + x->row_start[i], *end = x->entry + x->row_start[i + 1];
  /* Four sums: one would make every addition wait for the one before. */
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  for (; end - e >= 4; e += 4) {
    s0 += (double)e[0].value * w[e[0].index];
    s1 += (double)e[1].value * w[e[1].index];
    s2 += (double)e[2].value * w[e[2].index];
    s3 += (double)e[3].value * w[e[3].index];
  }
  for (; e < end; e++) s0 += (double)e->value * w[e->index];
  return (s0 + s1) + (s2 + s3);
}

void nn_csr_axpy(const nn_csr *x, size_t i, double coef, double *w)
{
  const nn_csr_entry *e = x->entry + x->row_start[i], *end = x->entry + x->row_start[i + 1];
  for (; e < end; e++) w[e->index] += coef * (double)e->value;
}

void nn_svm_params_init(nn_svm_params *p)
{
  p->cost_positive = 1.0;
  p->cost_negative = 1.0;
  p->bias = 1.0;
  p->epsilon = 0.1;
  p->max_epochs = 1000;
  p->recheck = 1;
}

double nn_csr_sqnorm(const nn_csr *x, size_t i)
{
  const nn_csr_entry *e = x->entry + x->row_start[i], *end = x->entry + x->row_start[i + 1];
  double s = 0.0;
  for (; e < end; e++) s += (double)e->value * (double)e->value;
  return s;
}

double nn_svm_margin(const nn_csr *x, size_t i, const double *w, double bias)
{
  return nn_csr_dot(x, i, w) + bias * w[x->cols];
}

void nn_svm_remove(const nn_csr *x, size_t i, signed char label, double bias, double *w,
                   double *alpha)
{
  double coef = -alpha[i] * (double)label;
  if (coef != 0.0) {
    nn_csr_axpy(x, i, coef, w);
    w[x->cols] += coef * bias;
  }
  alpha[i] = 0.0;
}

/* Documents come in random order, which defeats the hardware prefetcher:
 * ask for the start of a row a little ahead of its use. */
static void prefetch_row(const nn_csr *x, size_t i)
{
#if defined(__GNUC__)
  const char *p = (const char *)(x->entry + x->row_start[i]);
  __builtin_prefetch(p);
  __builtin_prefetch(p + 64);
  __builtin_prefetch(p + 128);
  __builtin_prefetch(p + 192);
#else
  (void)x;
  (void)i;
#endif
}

/* The squared hinge loss has no upper bound on alpha; its dual adds 1/(2C)
 * to the diagonal of Q, which is all the two costs change. */
unsigned nn_svm_train(const nn_csr *x, const signed char *label, const nn_svm_params *p,
                      nn_svm_work *work, double *w, double *alpha)
{
  const double inf = HUGE_VAL;
  const double half_inv_pos = 0.5 / p->cost_positive, half_inv_neg = 0.5 / p->cost_negative;
  const double bias = p->bias;
  uint32_t *order = work->order;
  double *diag = work->diag;
  size_t i, s, included = 0, active, idle = 0;
  double pg_max_old = work->shrink_bound;
  unsigned epoch = 0;

  for (i = 0; i < x->rows; i++) {
    double sq;
    if (label[i] == 0) continue;
    sq = bias * bias + (x->sqnorm ? (double)x->sqnorm[i] : nn_csr_sqnorm(x, i));
    diag[i] = sq + (label[i] > 0 ? half_inv_pos : half_inv_neg);
    order[included++] = (uint32_t)i;
  }
  /* Documents marked idle start set aside, after the active ones. */
  if (work->start_idle) {
    size_t front = 0;
    for (s = 0; s < included; s++) {
      if (!work->start_idle[order[s]]) {
        uint32_t t = order[front];
        order[front++] = order[s];
        order[s] = t;
      }
    }
    idle = included - front;
  }
  active = included - idle;

  while (epoch < p->max_epochs) {
    double pg_max_new = -inf, pg_min_new = inf;
    /* A pass over every document records which end up idle. */
    unsigned char *end_idle = active == included ? work->end_idle : NULL;
    /* A fresh random order each epoch (Fisher-Yates). */
    for (s = active; s > 1; s--) {
      size_t j = (size_t)(nn_rng_next(&work->rng) % s);
      uint32_t t = order[s - 1];
      order[s - 1] = order[j];
      order[j] = t;
    }
    for (s = 0; s < active; s++) {
      double y, g, pg = 0.0, a;
      if (s + 2 < active) prefetch_row(x, order[s + 2]);
      i = order[s];
      y = (double)label[i];
      a = alpha[i];
      g = y * nn_svm_margin(x, i, w, bias) - 1.0 + a * (label[i] > 0 ? half_inv_pos : half_inv_neg);
      if (end_idle) end_idle[i] = a == 0.0 && g > work->idle_margin;
      if (a == 0.0) {
        if (g > pg_max_old) {
          /* At its bound with a gradient pointing outside: shrink it away. */
          uint32_t t = order[s];
          active--;
          order[s] = order[active];
          order[active] = t;
          s--;
          continue;
        }
        if (g < 0.0) pg = g;
      } else {
        pg = g;
      }
      if (pg > pg_max_new) pg_max_new = pg;
      if (pg < pg_min_new) pg_min_new = pg;
      if (fabs(pg) > 1.0e-12) {
        double next = a - g / diag[i], d;
        if (next < 0.0) next = 0.0;
        alpha[i] = next;
        d = (next - a) * y;
        nn_csr_axpy(x, i, d, w);
        w[x->cols] += d * bias;
      }
    }
    epoch++;
    if (pg_max_new - pg_min_new <= p->epsilon) {
      if (active == included || !p->recheck) {
        work->shrink_bound = pg_max_new > 0.0 ? pg_max_new : 0.0;
        break;
      }
      /* Converged on the shrunk set: check once more on every document. */
      active = included;
      pg_max_old = inf;
      continue;
    }
    /* Only the lower bound alpha >= 0 exists, so only pg_max drives shrinking.
     * After an epoch without a positive projected gradient (the first, from
     * zero, is one), documents already beyond the margin are set aside at
     * once: the final check over every document keeps this exact. */
    pg_max_old = pg_max_new > 0.0 ? pg_max_new : 0.0;
    work->shrink_bound = pg_max_old;
  }
  return epoch;
}

/* -log likelihood of one margin under the sigmoid, computed without overflow. */
static double platt_loss(double target, double fapb)
{
  if (fapb >= 0.0) return target * fapb + log1p(exp(-fapb));
  return (target - 1.0) * fapb + log1p(exp(fapb));
}

/* A slope flatter than this says the margins barely predict the tag. */
#define PLATT_STEEPEST_FLAT (-1.0)
/* The fallback slope reads an SVM's margins of +1 and -1 as odds of about
 * 88% and 12% before the offset. */
#define PLATT_FALLBACK_SLOPE (-2.0)

/* The offset b that maximizes the likelihood for a fixed slope a (Newton's
 * method on one variable, with step halving), starting from b. */
static double platt_offset(const double *f, const signed char *label, size_t n, double a,
                           double hi, double lo, double b)
{
  double value = 0.0;
  size_t i;
  int iter;
  for (i = 0; i < n; i++)
    if (label[i] != 0) value += platt_loss(label[i] > 0 ? hi : lo, f[i] * a + b);
  for (iter = 0; iter < 100; iter++) {
    double g = 0.0, h = 1.0e-12, step, db;
    for (i = 0; i < n; i++) {
      double z, p;
      if (label[i] == 0) continue;
      z = f[i] * a + b;
      p = z >= 0.0 ? exp(-z) / (1.0 + exp(-z)) : 1.0 / (1.0 + exp(z));
      g += (label[i] > 0 ? hi : lo) - p;
      h += p * (1.0 - p);
    }
    if (fabs(g) < 1.0e-5) break;
    db = -g / h;
    for (step = 1.0; step >= 1.0e-10; step *= 0.5) {
      double nb = b + step * db, nv = 0.0;
      for (i = 0; i < n; i++)
        if (label[i] != 0) nv += platt_loss(label[i] > 0 ? hi : lo, f[i] * a + nb);
      if (nv < value + 1.0e-4 * step * g * db) {
        b = nb;
        value = nv;
        break;
      }
    }
    if (step < 1.0e-10) break;
  }
  return b;
}

void nn_platt_fit(const double *f, const signed char *label, size_t n, double *a_out,
                  double *b_out)
{
  double positives = 0.0, negatives = 0.0, hi, lo, a, b, value = 0.0;
  size_t i;
  int iter;
  for (i = 0; i < n; i++) {
    if (label[i] > 0) positives += 1.0;
    else if (label[i] < 0) negatives += 1.0;
  }
  /* Smoothed targets keep the fit finite on separable data. */
  hi = (positives + 1.0) / (positives + 2.0);
  lo = 1.0 / (negatives + 2.0);
  a = 0.0;
  b = log((negatives + 1.0) / (positives + 1.0));
  for (i = 0; i < n; i++)
    if (label[i] != 0) value += platt_loss(label[i] > 0 ? hi : lo, f[i] * a + b);

  for (iter = 0; iter < 100; iter++) {
    double h11 = 1.0e-12, h22 = 1.0e-12, h21 = 0.0, g1 = 0.0, g2 = 0.0;
    double det, da, db, slope, step;
    for (i = 0; i < n; i++) {
      double fapb, p, q, d1, d2, t;
      if (label[i] == 0) continue;
      t = label[i] > 0 ? hi : lo;
      fapb = f[i] * a + b;
      if (fapb >= 0.0) {
        double e = exp(-fapb);
        p = e / (1.0 + e);
        q = 1.0 / (1.0 + e);
      } else {
        double e = exp(fapb);
        p = 1.0 / (1.0 + e);
        q = e / (1.0 + e);
      }
      d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      d1 = t - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (fabs(g1) < 1.0e-5 && fabs(g2) < 1.0e-5) break;
    det = h11 * h22 - h21 * h21;
    da = -(h22 * g1 - h21 * g2) / det;
    db = -(-h21 * g1 + h11 * g2) / det;
    slope = g1 * da + g2 * db;
    for (step = 1.0; step >= 1.0e-10; step *= 0.5) {
      double na = a + step * da, nb = b + step * db, nv = 0.0;
      for (i = 0; i < n; i++)
        if (label[i] != 0) nv += platt_loss(label[i] > 0 ? hi : lo, f[i] * na + nb);
      if (nv < value + 1.0e-4 * step * slope) {
        a = na;
        b = nb;
        value = nv;
        break;
      }
    }
    if (step < 1.0e-10) break; /* no progress along the Newton direction */
  }
  if (!(a <= PLATT_STEEPEST_FLAT)) {
    /* The held-out margins do not rise with the tag (too few texts carry it
     * to tell): read margins with a fixed slope and fit the offset alone. */
    a = PLATT_FALLBACK_SLOPE;
    b = platt_offset(f, label, n, a, hi, lo, b);
  }
  *a_out = a;
  *b_out = b;
}

static int by_score_descending(const void *pa, const void *pb)
{
  const nn_scored *x = pa, *y = pb;
  if (x->score > y->score) return -1;
  if (x->score < y->score) return 1;
  return 0;
}

double nn_scut_threshold(nn_scored *pairs, size_t n, double fbr, double *best_f1)
{
  size_t j, positives = 0, tp = 0, best_cut = 0;
  double best = 0.0;
  if (n == 0) {
    if (best_f1) *best_f1 = 0.0;
    return 0.0;
  }
  nn_sort(pairs, n, sizeof *pairs, by_score_descending);
  for (j = 0; j < n; j++)
    if (pairs[j].label > 0) positives++;
  /* Cutting after position j accepts pairs[0..j]; only cuts between two
   * different scores can be realized by a threshold. */
  for (j = 0; j < n; j++) {
    if (pairs[j].label > 0) tp++;
    if (j + 1 < n && pairs[j + 1].score == pairs[j].score) continue;
    if (tp > 0) {
      double f1 = 2.0 * (double)tp / (double)(j + 1 + positives);
      if (f1 > best) {
        best = f1;
        best_cut = j + 1;
      }
    }
  }
  if (best_f1) *best_f1 = best;
  if (best_cut == 0 || best < fbr) return pairs[0].score;
  if (best_cut == n) return pairs[n - 1].score - 1.0;
  return 0.5 * (pairs[best_cut - 1].score + pairs[best_cut].score);
}
