# The non-spatial methods and GeoDetector written directly from the formulas of docs/analysis-spec.md §3–§5 in
# base R (stats::lm, stats::t.test, stats::pf, stats::quantile), independently of the TypeScript engine.
# Sourced by generate.R.

tied <- function(a, b) abs(a - b) <= 1e-12 * pmax(1, abs(a), abs(b))
# competition ranks, 1 = largest, tolerance ties share the smallest rank
comp_rank <- function(v) vapply(seq_along(v), function(i) 1L + sum(v > v[i] & !tied(v, v[i])), 1L)
xlogx <- function(p) ifelse(p > 0, p * log(p), 0)

minmax <- function(x, dir) {
  r <- max(x) - min(x)
  if (r == 0) return(rep(1, length(x)))
  if (dir == "-") (max(x) - x) / r else (x - min(x)) / r
}

# --- entropy ---
entropy_parts <- function(X, dirs, normalization = "minmax", shift = 1e-4) {
  n <- nrow(X)
  e <- vapply(seq_len(ncol(X)), function(j) {
    p <- if (normalization == "sum") X[, j] / sum(X[, j]) else {
      v <- minmax(X[, j], dirs[j]) + shift
      v / sum(v)
    }
    -sum(xlogx(p)) / log(n)
  }, 0)
  d <- 1 - e
  list(entropy = e, divergence = d, weight = d / sum(d))
}

# --- CRITIC ---
critic_parts <- function(X, dirs, reverse_cost = TRUE, correlation = "signed") {
  Xn <- sapply(seq_len(ncol(X)), function(j) minmax(X[, j], if (reverse_cost) dirs[j] else "+"))
  Xn <- matrix(Xn, nrow = nrow(X))
  s <- apply(Xn, 2, sd)
  m <- ncol(Xn)
  R <- diag(m)
  for (j in seq_len(m)) for (k in seq_len(m)) if (j != k) {
    R[j, k] <- if (s[j] == 0 || s[k] == 0) 0 else cor(Xn[, j], Xn[, k])
  }
  if (correlation == "absolute") R <- abs(R)
  conflict <- colSums(1 - R)
  info <- s * conflict
  list(std = s, conflict = conflict, information = info, weight = info / sum(info))
}

weights_by <- function(X, dirs, weighting, given = NULL, entropy = list(), critic = list()) {
  switch(weighting,
    entropy = do.call(entropy_parts, c(list(X, dirs), entropy))$weight,
    critic = do.call(critic_parts, c(list(X, dirs), critic))$weight,
    equal = rep(1 / ncol(X), ncol(X)),
    given = given / sum(given))
}

# --- TOPSIS ---
topsis_parts <- function(X, dirs, w, normalization = "vector") {
  m <- ncol(X)
  if (normalization == "vector") {
    V <- sapply(seq_len(m), function(j) { nr <- sqrt(sum(X[, j]^2)); if (nr == 0) 0 * X[, j] else w[j] * X[, j] / nr })
    V <- matrix(V, nrow = nrow(X))
    ideal <- sapply(seq_len(m), function(j) if (dirs[j] == "-") min(V[, j]) else max(V[, j]))
    anti <- sapply(seq_len(m), function(j) if (dirs[j] == "-") max(V[, j]) else min(V[, j]))
  } else {
    V <- matrix(sapply(seq_len(m), function(j) w[j] * minmax(X[, j], dirs[j])), nrow = nrow(X))
    ideal <- apply(V, 2, max)
    anti <- apply(V, 2, min)
  }
  dp <- sqrt(rowSums(sweep(V, 2, ideal)^2))
  dm <- sqrt(rowSums(sweep(V, 2, anti)^2))
  cl <- dm / (dp + dm)
  list(ideal = ideal, anti = anti, d_plus = dp, d_minus = dm, closeness = cl, rank = comp_rank(cl))
}

# --- coupling coordination ---
coupling_rows <- function(U, formula = "standard", k = NULL, alpha = NULL) {
  n <- ncol(U)
  if (is.null(alpha)) alpha <- rep(1 / n, n)
  t(apply(U, 1, function(u) {
    if (formula == "standard") {
      kk <- if (is.null(k)) 1 / n else k
      C <- if (sum(u) == 0) 0 else (prod(u) / (sum(u) / n)^n)^kk
    } else {
      mx <- max(u)
      if (mx == 0) C <- 0 else {
        dsum <- 0
        for (i in 1:(n - 1)) for (j in (i + 1):n) dsum <- dsum + abs(u[i] - u[j])
        C <- sqrt((1 - dsum / sum(1:(n - 1))) * prod(u / mx)^(1 / (n - 1)))
      }
    }
    T <- sum(alpha * u)
    D <- sqrt(C * T)
    c(C, T, D, min(10, floor(10 * D) + 1))
  }))
}

# --- obstacle degree ---
obstacle_parts <- function(Xn, w) {
  I <- 1 - Xn
  FI <- sweep(I, 2, w, "*")
  den <- rowSums(FI)
  O <- FI / ifelse(den == 0, 1, den)
  O[den == 0, ] <- 0
  O
}
top_cols <- function(o, cols, top_n) {
  idx <- which(o > 1e-12)
  # insertion sort: larger first, tolerance ties in indicator order
  out <- integer(0)
  for (j in idx) {
    pos <- length(out) + 1
    while (pos > 1 && o[j] > o[out[pos - 1]] && !tied(o[j], o[out[pos - 1]])) pos <- pos - 1
    out <- append(out, j, after = pos - 1)
  }
  cols[head(out, top_n)]
}

# --- Theil ---
theil_parts <- function(y, p = NULL, g = NULL) {
  if (is.null(p)) p <- rep(1, length(y))
  s <- y * p / sum(y * p)
  q <- p / sum(p)
  term <- function(s, q) sum(ifelse(s > 0, s * log(s / q), 0))
  T <- term(s, q)
  res <- list(t = T)
  if (!is.null(g)) {
    lv <- unique(g)
    S <- sapply(lv, function(h) sum(s[g == h]))
    Q <- sapply(lv, function(h) sum(q[g == h]))
    Tg <- sapply(seq_along(lv), function(k) { i <- g == lv[k]; term(s[i] / S[k], q[i] / Q[k]) })
    res$between <- term(S, Q)
    res$within <- sum(S * Tg)
    res$groups <- lapply(seq_along(lv), function(k) list(group = lv[k], n = sum(g == lv[k]), value_share = S[[k]],
      population_share = Q[[k]], t = Tg[[k]], within_contribution = S[[k]] * Tg[[k]]))
  }
  res
}

# --- Gini ---
gini_parts <- function(y, p = NULL, correction = FALSE) {
  n <- length(y)
  q <- if (is.null(p)) rep(1 / n, n) else p / sum(p)
  mu <- sum(q * y)
  G <- sum(outer(q, q) * abs(outer(y, y, "-"))) / (2 * mu)
  if (correction) G <- G * n / (n - 1)
  list(mean = mu, gini = G)
}

# --- quantile breaks and Markov ---
type7_breaks <- function(x, k) unname(quantile(x, probs = (1:(k - 1)) / k, type = 7))
class_of <- function(x, b) 1L + vapply(x, function(v) sum(b < v), 1L)

steady_state <- function(P) {
  k <- nrow(P)
  if (any(rowSums(P) == 0)) return(NULL)
  A <- t(P) - diag(k)
  A[k, ] <- 1
  if (qr(A)$rank < k) return(NULL)
  solve(A, c(rep(0, k - 1), 1))
}

# --- GeoDetector ---
gd_q <- function(y, f) {
  sst <- sum((y - mean(y))^2)
  ssw <- sum(tapply(y, f, function(v) sum((v - mean(v))^2)))
  1 - ssw / sst
}
gd_factor <- function(y, f) {
  f <- as.character(f)
  N <- length(y)
  L <- length(unique(f))
  q <- gd_q(y, f)
  mh <- tapply(y, f, mean)
  nh <- tapply(y, f, length)
  lambda <- (sum(mh^2) - sum(sqrt(nh) * mh)^2 / N) / var(y)
  if (q >= 1) return(list(strata = L, q = 1, f = NA, lambda = lambda, p = 0))
  Fv <- ((N - L) / (L - 1)) * q / (1 - q)
  list(strata = L, q = q, f = Fv, lambda = lambda,
       p = pf(Fv, L - 1, N - L, ncp = max(0, lambda), lower.tail = FALSE))
}
gd_type <- function(qa, qb, qab, eps = 1e-10) {
  if (abs(qab - (qa + qb)) <= eps) "independent"
  else if (qab > qa + qb) "nonlinear_enhance"
  else if (qab > max(qa, qb) + eps) "bivariate_enhance"
  else if (qab >= min(qa, qb) - eps) "univariate_weaken"
  else "nonlinear_weaken"
}
# order of strings by Unicode code point (independent of the locale's collation)
order_code_points <- function(s) {
  cp <- lapply(enc2utf8(s), utf8ToInt)
  cmp <- function(a, b) {
    m <- min(length(a), length(b))
    d <- which(a[seq_len(m)] != b[seq_len(m)])
    if (length(d)) sign(a[d[1]] - b[d[1]]) else sign(length(a) - length(b))
  }
  idx <- seq_along(s)
  for (i in seq_along(idx)[-1]) {          # insertion sort, few strata
    j <- i
    while (j > 1 && cmp(cp[[idx[j - 1]]], cp[[idx[j]]]) > 0) { t <- idx[j]; idx[j] <- idx[j - 1]; idx[j - 1] <- t; j <- j - 1 }
  }
  idx
}
gd_risk <- function(y, f, significance = 0.05) {
  f <- as.character(f)
  lv <- unique(f)
  numeric <- all(grepl("^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$", lv))
  lv <- if (numeric) lv[order(as.numeric(lv))] else lv[order_code_points(lv)]
  strata <- lapply(lv, function(h) list(stratum = h, n = sum(f == h), mean = mean(y[f == h])))
  pairs <- list()
  for (a in seq_along(lv)) for (b in seq_along(lv)) if (a < b) {
    ya <- y[f == lv[a]]
    yb <- y[f == lv[b]]
    if (length(ya) < 2 || length(yb) < 2 || (var(ya) == 0 && var(yb) == 0)) {
      pairs[[length(pairs) + 1]] <- list(stratum_a = lv[a], stratum_b = lv[b], t = NA, df = NA, p = NA, significant = NA)
    } else {
      tt <- t.test(ya, yb, var.equal = FALSE)
      pairs[[length(pairs) + 1]] <- list(stratum_a = lv[a], stratum_b = lv[b], t = unname(tt$statistic),
        df = unname(tt$parameter), p = tt$p.value, significant = tt$p.value <= significance)
    }
  }
  list(strata = strata, pairs = pairs)
}
