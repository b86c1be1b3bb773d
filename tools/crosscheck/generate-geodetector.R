# GeoDetector cases: q, F, λ as the CRAN geodetector package computes them, p from R's non-central F
# (pf(ncp =)), interaction rule of the spec, risk detector by t.test(var.equal = FALSE). Sourced by generate.R.

GD_SOURCE <- paste0(RBASE, " from the spec formulas (CRAN geodetector q/F/lambda; stats::pf(ncp = lambda, lower.tail = FALSE); ",
                    "stats::t.test(var.equal = FALSE) for the risk detector)")
# pnbeta in R stops at an absolute error of 1e-9 (errmax), so p gets that tolerance
GD_TOL <- tol_with(list("result.factors[*].p" = list(abs = 2e-9)))

geodetector_case <- function(name, df, y, factors, interaction = TRUE, risk = FALSE, significance = 0.05,
                             missing = NULL, absent = FALSE, note = "", rows_hook = identity) {
  params <- list(y = y, factors = arr(factors))
  if (!interaction) params$interaction <- FALSE
  if (risk) params$risk <- TRUE
  if (significance != 0.05) params$significance <- significance
  if (!is.null(missing)) params$missing <- missing
  keep <- complete.cases(df[, c(y, factors)])
  d <- df[keep, ]
  yy <- d[[y]]
  labels <- lapply(factors, function(f) as.character(d[[f]]))
  names(labels) <- factors
  fr <- lapply(factors, function(f) c(list(factor = f), gd_factor(yy, labels[[f]])))
  result <- list(n = nrow(d), factors = fr)
  inter <- list()
  if (interaction && length(factors) > 1) {
    for (a in seq_along(factors)) for (b in seq_along(factors)) if (a < b) {
      qa <- fr[[a]]$q
      qb <- fr[[b]]$q
      qab <- gd_q(yy, paste(labels[[a]], labels[[b]], sep = "\r"))
      inter[[length(inter) + 1]] <- list(factor_a = factors[a], factor_b = factors[b], q_a = qa, q_b = qb,
                                         q_ab = qab, type = gd_type(qa, qb, qab))
    }
  }
  result$interactions <- inter
  result$risk <- if (risk) lapply(factors, function(f) c(list(factor = f), gd_risk(yy, labels[[f]], significance))) else list()
  write_case(name, list(method = "geodetector", params = params, data = list(rows = rows_hook(df_rows(df, absent)))), result,
             paste0(GD_SOURCE, note), GD_TOL)
}

# Chongqing: GDP per capita 2020 by district type (区/县/自治县, text labels), by parent code (nested in the type)
# and by the quartile class of the urbanisation rate (integer labels)
urbq <- cq("urbanization_rate_resident", 2020)
cq_gd <- data.frame(id = cq_ids, gdppc = cq("gdp_per_capita", 2020), type = cq_dist$region_type,
                    parent = as.integer(cq_dist$parent_code), urbq = class_of(urbq, type7_breaks(urbq[!is.na(urbq)], 4)))
cq_gd$urbq[is.na(urbq)] <- NA
geodetector_case("geodetector-cq-nested-text-labels", cq_gd, "gdppc", c("type", "parent", "urbq"), risk = TRUE,
                 missing = "drop", note = paste0("; data: ", CQ, " (type nested in parent: univariate_weaken)"))

# NTD with a factor of many small strata, several singletons (kept, as the CRAN package does)
ntd_df <- data.frame(id = sprintf("NTD%03d", seq_len(nrow(ntd))), incidence = ntd$incidence,
                     watershed = ntd$watershed, cell = ntd$watershed * 10 + ntd$elevation)
geodetector_case("geodetector-ntd-singleton-strata", ntd_df, "incidence", c("watershed", "cell"), risk = TRUE,
                 significance = 0.01, note = "; data: Wang et al. (2010) CollectData; cell = watershed x elevation")

# hand-made: q = 1 (f null, p 0), interaction types independent / nonlinear_enhance, risk pairs with a singleton
# stratum and with two constant strata (all four null)
a <- rep(c(0, 0, 1, 1), 3)
b <- rep(c(0, 1, 0, 1), 3)
tiny <- data.frame(id = sprintf("T%02d", 1:12), add = 10 + 3 * a + 2 * b, xor = 1 + (a != b),
                   a = a, b = b, sep = ifelse(a == 1, "甲", "乙"), cell = 2 * a + b + 1)
geodetector_case("geodetector-q-one-independent", tiny, "add", c("a", "b", "sep", "cell"), risk = TRUE,
                 note = "; synthetic 2x2 balanced design, y = 10 + 3a + 2b")
geodetector_case("geodetector-xor-nonlinear-enhance", tiny, "xor", c("a", "b"), risk = TRUE,
                 note = "; synthetic y = 1 + (a xor b)")
# labels: 3 and "3" are one stratum; numeric labels sort numerically (9 before 10); a singleton stratum
lab <- data.frame(id = sprintf("L%02d", 1:11), y = c(3.1, 2.7, 4.4, 5.0, 6.2, 5.9, 7.7, 8.1, 1.0, 2.2, 9.5),
                  num = c(3, 3, 10, 10, 9, 9, -1, -1, 2.5, 2.5, 4), txt = c("b", "B", "a", "b", "中", "a", "B", "中", "b", "a", "Z"))
geodetector_case("geodetector-label-text-and-order", lab, "y", c("num", "txt"), risk = TRUE,
                 rows_hook = function(rows) { rows[[2]]$num <- "3"; rows },
                 note = "; synthetic; labels 3 and \"3\" one stratum, risk strata numeric / code-point order")
# missing y and missing label, dropped
mis <- ntd_df[1:40, c("id", "incidence", "watershed")]
mis$incidence[c(3, 17)] <- NA
mis$watershed[c(8)] <- NA
geodetector_case("geodetector-ntd-drop-missing", mis, "incidence", "watershed", risk = TRUE, missing = "drop",
                 absent = TRUE, note = "; first 40 rows of CollectData with 3 values removed")

gd_err <- function(name, df, y, factors, code, extra = list()) {
  write_case(name, list(method = "geodetector", params = c(list(y = y, factors = arr(factors)), extra),
                        data = list(rows = df_rows(df))), source = "analysis spec §5 geodetector rule", error = code)
}
gd_err("error-geodetector-one-stratum", transform(tiny, one = 1), "add", "one", "insufficient_data")
gd_err("error-geodetector-strata-equal-rows", transform(tiny, each = seq_len(12)), "add", "each", "insufficient_data")
gd_err("error-geodetector-constant-y", transform(tiny, k = 5), "k", "a", "constant_column")
