# Spatial cases: every number from spdep itself (moran.test, localmoran, localG), weights from nb2listw /
# include.self / subset.listw exactly as the spec describes them. Sourced by generate.R.
suppressPackageStartupMessages(library(spdep))
SPDEP <- paste0("R ", getRversion(), " spdep ", packageVersion("spdep"))

# The weights actually used: rows with a missing x removed from every list (subset.listw), islands kept
# (zero.policy = TRUE), self added before styling for Gi*.
used_listw <- function(nb, x, style, self = FALSE) {
  keep <- !is.na(x)
  nb2 <- if (all(keep)) nb else subset.nb(nb, keep)
  if (self) nb2 <- include.self(nb2)
  lw <- nb2listw(nb2, style = style, zero.policy = TRUE)
  if (!all(keep) && !self) {
    # the documented route of the spec: subset.listw of the full listw must give the same weights
    full <- nb2listw(nb, style = style, zero.policy = TRUE)
    sub <- subset.listw(full, keep, zero.policy = TRUE)
    stopifnot(isTRUE(all.equal(sub$weights, lw$weights, check.attributes = FALSE)))
  }
  list(lw = lw, keep = keep, nb = nb2)
}

spatial_spec <- function(method, params, ids, column, x, nb, style, absent = FALSE) {
  df <- data.frame(id = ids, stringsAsFactors = FALSE)
  df[[column]] <- x
  list(method = method, params = params, data = list(rows = df_rows(df, absent)),
       weights = list(neighbors = nb_json(nb, ids), style = style))
}

n_islands <- function(nb, self = FALSE) sum(card(nb) == if (self) 1L else 0L)

moran_case <- function(name, ids, x, nb, style = "W", alternative = "greater", adjust_n = TRUE,
                       allow_islands = FALSE, missing = NULL, absent = FALSE, note = "", perm = list()) {
  params <- c(list(column = "v"), perm)
  if (alternative != "greater") params$alternative <- alternative
  if (!adjust_n) params$adjust_n <- FALSE
  if (allow_islands) params$allow_islands <- TRUE
  if (!is.null(missing)) params$missing <- missing
  u <- used_listw(nb, x, style)
  xv <- x[u$keep]
  tr <- moran.test(xv, u$lw, randomisation = TRUE, zero.policy = TRUE, alternative = alternative,
                   adjust.n = adjust_n)
  tn <- moran.test(xv, u$lw, randomisation = FALSE, zero.policy = TRUE, alternative = alternative,
                   adjust.n = adjust_n)
  test <- function(t) list(variance = unname(t$estimate[3]), z = unname(t$statistic), p = t$p.value)
  result <- list(n = length(xv), n_islands = n_islands(u$nb), alternative = alternative,
                 i = unname(tr$estimate[1]), expected_i = unname(tr$estimate[2]),
                 normality = test(tn), randomization = test(tr))
  write_case(name, spatial_spec("moran", params, ids, "v", x, nb, style, absent), result,
             sprintf("%s moran.test(randomisation = TRUE/FALSE, alternative = \"%s\", adjust.n = %s, zero.policy = TRUE)%s%s",
                     SPDEP, alternative, adjust_n, if (any(!u$keep)) " on subset.listw" else "", note))
}

quadrant_of <- function(z, lz, island) {
  q <- paste0(ifelse(z > 0, "H", "L"), ifelse(lz > 0, "H", "L"))
  q[island] <- "isolated"
  q
}

lisa_case <- function(name, ids, x, nb, style = "W", variance = "conditional", alternative = "two.sided",
                      significance = 0.05, allow_islands = FALSE, missing = NULL, absent = FALSE, note = "", perm = list()) {
  params <- c(list(column = "v"), perm)
  if (variance != "conditional") params$variance <- variance
  if (alternative != "two.sided") params$alternative <- alternative
  if (significance != 0.05) params$significance <- significance
  if (allow_islands) params$allow_islands <- TRUE
  if (!is.null(missing)) params$missing <- missing
  u <- used_listw(nb, x, style)
  xv <- x[u$keep]
  lm <- localmoran(xv, u$lw, zero.policy = TRUE, conditional = variance == "conditional",
                   alternative = alternative)
  island <- card(u$nb) == 0
  z <- xv - mean(xv)
  lz <- lag.listw(u$lw, z, zero.policy = TRUE)
  quad <- quadrant_of(z, lz, island)
  # spdep's own quadrant (z and the lag of z, cut at 0 right-closed) must agree with the spec's rule
  qs <- attr(lm, "quadr")$pysal
  if (!is.null(qs)) {
    lab <- c("Low-Low" = "LL", "High-Low" = "HL", "Low-High" = "LH", "High-High" = "HH")[as.character(qs)]
    stopifnot(all(lab[!island] == quad[!island]))
  }
  rows <- vector("list", length(xv))
  counts <- list(HH = 0L, LL = 0L, HL = 0L, LH = 0L, NS = 0L, isolated = 0L)
  for (i in seq_along(xv)) {
    p <- lm[i, 5]
    cl <- if (island[i]) "isolated" else if (is.finite(p) && p <= significance) quad[i] else "NS"
    counts[[cl]] <- counts[[cl]] + 1L
    nul <- function(v) if (island[i] || !is.finite(v)) NA else v
    rows[[i]] <- list(id = as.character(ids[u$keep][i]), ii = lm[i, 1], expected = nul(lm[i, 2]), variance = nul(lm[i, 3]),
                      z = nul(lm[i, 4]), p = nul(p), quadrant = quad[i], cluster = cl)
  }
  result <- list(n = length(xv), n_islands = sum(island), variance = variance, alternative = alternative,
                 significance = significance, rows = rows, counts = counts)
  write_case(name, spatial_spec("lisa", params, ids, "v", x, nb, style, absent), result,
             sprintf("%s localmoran(conditional = %s, alternative = \"%s\", zero.policy = TRUE)%s; quadrants of z and lag(z)%s",
                     SPDEP, variance == "conditional", alternative, if (any(!u$keep)) " on subset.listw" else "", note))
}

getis_case <- function(name, ids, x, nb, style = "W", star = TRUE, alternative = "two.sided", significance = 0.05,
                       allow_islands = FALSE, missing = NULL, absent = FALSE, note = "", perm = list()) {
  params <- c(list(column = "v"), perm)
  if (!star) params$star <- FALSE
  if (alternative != "two.sided") params$alternative <- alternative
  if (significance != 0.05) params$significance <- significance
  if (allow_islands) params$allow_islands <- TRUE
  if (!is.null(missing)) params$missing <- missing
  u <- used_listw(nb, x, style, self = star)
  xv <- x[u$keep]
  g <- localG(xv, u$lw, zero.policy = TRUE, return_internals = TRUE, alternative = alternative)
  ints <- attr(g, "internals")
  rows <- vector("list", length(xv))
  for (i in seq_along(xv)) {
    z <- ints[i, 4]
    p <- ints[i, 5]
    sig <- is.finite(z) && is.finite(p) && p <= significance
    cl <- if (sig && z > 0) "hot" else if (sig && z < 0) "cold" else "NS"
    nul <- function(v) if (is.finite(v)) v else NA
    rows[[i]] <- list(id = as.character(ids[u$keep][i]), g = nul(ints[i, 1]), expected_g = nul(ints[i, 2]),
                      variance_g = nul(ints[i, 3]), z = nul(z), p = nul(p), cluster = cl)
  }
  result <- list(n = length(xv), n_islands = n_islands(u$nb, star), star = star, alternative = alternative,
                 significance = significance, rows = rows)
  write_case(name, spatial_spec("getis-ord", params, ids, "v", x, nb, style, absent), result,
             sprintf("%s localG(return_internals = TRUE, alternative = \"%s\", zero.policy = TRUE) on %snb2listw(style = \"%s\")%s%s",
                     SPDEP, alternative, if (star) "include.self() + " else "", style,
                     if (any(!u$keep)) " after subset.nb" else "", note))
}
