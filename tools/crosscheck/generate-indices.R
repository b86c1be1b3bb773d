# Non-spatial cases: numbers from formulas.R (the spec's formulas in base R; stats::lm for β convergence,
# stats::quantile(type = 7) for Markov classes). Sourced by generate.R.

IDX_SOURCE <- function(what) paste0(RBASE, ": ", what, " written from the spec formulas (tools/crosscheck/formulas.R)")
cqd <- function(...) {
  cols <- list(...)
  df <- data.frame(id = cq_ids)
  for (k in names(cols)) df[[k]] <- cols[[k]]
  df
}
ind <- function(column, direction = "+", group = NULL, weight = NULL) {
  o <- list(column = column, direction = direction)
  if (!is.null(group)) o$group <- group
  if (!is.null(weight)) o$weight <- weight
  o
}
used <- function(df, cols) df[complete.cases(df[, cols, drop = FALSE]), , drop = FALSE]
spec_of <- function(method, params, df, absent = FALSE) list(method = method, params = params, data = list(rows = df_rows(df, absent)))

# Chongqing 2020 indicators (500103 has no values in the panel: dropped with missing = "drop")
cq20 <- cqd(gdppc = cq("gdp_per_capita", 2020), rinc = cq("income_per_capita_rural", 2020),
            uinc = cq("disposable_income_per_capita_urban", 2020), urb = cq("urbanization_rate_resident", 2020),
            prim = cq("gdp_primary", 2020) / cq("gdp", 2020) * 100,
            pupils = cq("primary_students", 2020) / cq("primary_teachers", 2020),
            beds = cq("hospital_beds", 2020) / cq("registered_population", 2020),
            coupon = cq("land_coupon_area_traded", 2020))
CQ20 <- paste0("; data: ", CQ, ", 2020")

# ================================================================================================ entropy
entropy_case <- function(name, df, inds, normalization = "minmax", shift = 1e-4, missing = NULL, note = "", tol = TOL) {
  params <- list(indicators = inds)
  if (normalization != "minmax") params$normalization <- normalization
  if (shift != 1e-4) params$shift <- shift
  if (!is.null(missing)) params$missing <- missing
  cols <- vapply(inds, `[[`, "", "column")
  dirs <- vapply(inds, `[[`, "", "direction")
  d <- used(df, cols)
  e <- entropy_parts(as.matrix(d[, cols]), dirs, normalization, shift)
  result <- list(n = nrow(d), indicators = lapply(seq_along(cols), function(j)
    list(column = cols[j], direction = dirs[j], entropy = e$entropy[j], divergence = e$divergence[j], weight = e$weight[j])))
  write_case(name, spec_of("entropy-weights", params, df), result, paste0(IDX_SOURCE("entropy weights"), note), tol)
}
cq_inds <- list(ind("gdppc"), ind("rinc"), ind("uinc"), ind("urb"), ind("prim", "-"), ind("pupils", "-"), ind("beds"))
entropy_case("entropy-cq-minmax-cost-drop", cq20, cq_inds, missing = "drop", note = CQ20)
entropy_case("entropy-cq-sum-zeros", cq20, list(ind("gdppc"), ind("coupon"), ind("prim", "-")), normalization = "sum",
             missing = "drop", note = paste0(CQ20, "; land-coupon column with many zeros (0 ln 0 = 0)"))
stl_x <- data.frame(id = stl_ids, hr = stl$HR7984, rdac = stl$RDAC80, pe = stl$PE77, const = 2.5)
entropy_case("entropy-stl-shift0-negative-constant", stl_x, list(ind("hr"), ind("rdac", "-"), ind("pe"), ind("const")),
             shift = 0, note = paste0(STLD, "; RDAC80 has negative values; constant column"))

# ================================================================================================ CRITIC
critic_case <- function(name, df, inds, reverse_cost = TRUE, correlation = "signed", missing = NULL, note = "") {
  params <- list(indicators = inds)
  if (!reverse_cost) params$reverse_cost <- FALSE
  if (correlation != "signed") params$correlation <- correlation
  if (!is.null(missing)) params$missing <- missing
  cols <- vapply(inds, `[[`, "", "column")
  dirs <- vapply(inds, `[[`, "", "direction")
  d <- used(df, cols)
  e <- critic_parts(as.matrix(d[, cols]), dirs, reverse_cost, correlation)
  result <- list(n = nrow(d), indicators = lapply(seq_along(cols), function(j)
    list(column = cols[j], direction = dirs[j], std = e$std[j], conflict = e$conflict[j],
         information = e$information[j], weight = e$weight[j])))
  write_case(name, spec_of("critic-weights", params, df), result, paste0(IDX_SOURCE("CRITIC weights"), note))
}
critic_case("critic-cq-default-drop", cq20, cq_inds, missing = "drop", note = CQ20)
critic_case("critic-cq-absolute-no-reverse", cq20, cq_inds, reverse_cost = FALSE, correlation = "absolute",
            missing = "drop", note = CQ20)
critic_case("critic-stl-constant-column", stl_x, list(ind("hr"), ind("rdac", "-"), ind("const"), ind("pe")),
            note = paste0(STLD, "; constant column: std 0, r 0 with the others"))

# ================================================================================================ composite index
composite_case <- function(name, df, inds, weighting = "entropy", scope = "global", group_weights = NULL,
                           extra = list(), missing = NULL, note = "") {
  params <- c(list(indicators = inds), extra)
  if (weighting != "entropy") params$weighting <- weighting
  if (scope != "global") params$weights_scope <- scope
  if (!is.null(group_weights)) params$group_weights <- group_weights
  if (!is.null(missing)) params$missing <- missing
  cols <- vapply(inds, `[[`, "", "column")
  dirs <- vapply(inds, `[[`, "", "direction")
  grp <- vapply(inds, function(o) if (is.null(o$group)) NA_character_ else o$group, "")
  given <- vapply(inds, function(o) if (is.null(o$weight)) NA_real_ else o$weight, 0)
  d <- used(df, cols)
  X <- as.matrix(d[, cols])
  Xn <- sapply(seq_along(cols), function(j) minmax(X[, j], dirs[j]))
  wopts <- list(entropy = if (is.null(extra$entropy)) list() else extra$entropy,
                critic = if (is.null(extra$critic)) list() else extra$critic)
  groups <- unique(grp[!is.na(grp)])
  if (scope == "global") {
    w <- do.call(weights_by, c(list(X, dirs, weighting, given), wopts))
  } else {
    w <- numeric(length(cols))
    for (g in groups) {
      j <- which(grp == g)
      w[j] <- do.call(weights_by, c(list(X[, j, drop = FALSE], dirs[j], weighting, given[j]), wopts))
    }
  }
  contrib <- sweep(Xn, 2, w, "*")
  gs <- sapply(groups, function(g) rowSums(contrib[, grp == g, drop = FALSE]))
  if (scope == "global") {
    score <- rowSums(contrib)
    gw <- sapply(groups, function(g) sum(w[grp == g]))
  } else {
    gw <- if (is.null(group_weights)) rep(1, length(groups)) else unlist(group_weights[groups])
    gw <- gw / sum(gw)
    score <- as.vector(gs %*% gw)
  }
  rk <- comp_rank(score)
  result <- list(n = nrow(d), indicators = lapply(seq_along(cols), function(j) {
    o <- list(column = cols[j], direction = dirs[j])
    if (!is.na(grp[j])) o$group <- grp[j]
    o$weight <- w[j]
    o
  }))
  if (length(groups)) result$groups <- lapply(seq_along(groups), function(k) list(group = groups[k], weight = gw[[k]]))
  result$rows <- lapply(seq_len(nrow(d)), function(i) {
    r <- list(id = d$id[i], score = score[i], rank = rk[i])
    if (length(groups)) r$group_scores <- setNames(as.list(gs[i, ]), groups)
    r
  })
  write_case(name, spec_of("composite-index", params, df), result, paste0(IDX_SOURCE("composite index"), note))
}
cq_grouped <- list(ind("gdppc", group = "经济"), ind("prim", "-", "经济"), ind("urb", group = "经济"),
                   ind("rinc", group = "民生"), ind("uinc", group = "民生"), ind("pupils", "-", "民生"), ind("beds", group = "民生"))
composite_case("composite-cq-global-entropy-groups", cq20, cq_grouped, missing = "drop", note = CQ20)
composite_case("composite-cq-within-group-critic", cq20, cq_grouped, weighting = "critic", scope = "within_group",
               group_weights = list("经济" = 3, "民生" = 2), extra = list(critic = list(correlation = "absolute")),
               missing = "drop", note = CQ20)
composite_case("composite-cq-entropy-shift0-sum", cq20, list(ind("gdppc"), ind("rinc"), ind("coupon"), ind("beds")),
               extra = list(entropy = list(normalization = "sum", shift = 0)), missing = "drop", note = CQ20)
ties <- data.frame(id = c("A", "B", "C", "D", "E", "F"), x1 = c(1, 3, 3, 2, 1, 3), x2 = c(5, 2, 2, 4, 5, 2),
                   x3 = c(7, 7, 7, 7, 7, 7))
composite_case("composite-equal-ties-constant", ties, list(ind("x1"), ind("x2", "-"), ind("x3")), weighting = "equal",
               note = "; synthetic: tied rows share the smallest rank, constant column x' = 1")

# ================================================================================================ TOPSIS
topsis_case <- function(name, df, inds, weighting = "entropy", normalization = "vector", extra = list(),
                        missing = NULL, note = "") {
  params <- c(list(indicators = inds), extra)
  if (weighting != "entropy") params$weighting <- weighting
  if (normalization != "vector") params$normalization <- normalization
  if (!is.null(missing)) params$missing <- missing
  cols <- vapply(inds, `[[`, "", "column")
  dirs <- vapply(inds, `[[`, "", "direction")
  given <- vapply(inds, function(o) if (is.null(o$weight)) NA_real_ else o$weight, 0)
  d <- used(df, cols)
  X <- as.matrix(d[, cols])
  w <- weights_by(X, dirs, weighting, given, critic = if (is.null(extra$critic)) list() else extra$critic)
  t <- topsis_parts(X, dirs, w, normalization)
  result <- list(n = nrow(d),
    indicators = lapply(seq_along(cols), function(j) list(column = cols[j], direction = dirs[j], weight = w[j],
                                                          ideal = t$ideal[j], anti_ideal = t$anti[j])),
    rows = lapply(seq_len(nrow(d)), function(i) list(id = d$id[i], d_plus = t$d_plus[i], d_minus = t$d_minus[i],
                                                     closeness = t$closeness[i], rank = t$rank[i])))
  write_case(name, spec_of("topsis", params, df), result, paste0(IDX_SOURCE("TOPSIS"), note))
}
topsis_case("topsis-cq-vector-entropy", cq20, cq_inds, missing = "drop", note = CQ20)
topsis_case("topsis-cq-minmax-critic", cq20, cq_inds, weighting = "critic", normalization = "minmax",
            extra = list(critic = list(reverse_cost = FALSE)), missing = "drop", note = CQ20)
ties$zero <- 0
topsis_case("topsis-given-ties-zero-column", ties, list(ind("x1", weight = 2), ind("x2", "-", weight = 1),
            ind("zero", weight = 1)), weighting = "given", note = "; synthetic: tied rows, a column of zeros (norm 0)")
topsis_case("topsis-stl-negative-equal", stl_x, list(ind("hr"), ind("rdac", "-"), ind("pe")), weighting = "equal",
            normalization = "minmax", note = paste0(STLD, "; negative raw values"))

# ================================================================================================ coupling
coupling_case <- function(name, df, cols, formula = "standard", k = NULL, weights = NULL, missing = NULL, note = "") {
  params <- list(subsystems = arr(cols))
  if (formula != "standard") params$coupling_formula <- formula
  if (!is.null(k)) params$k <- k
  if (!is.null(weights)) params$subsystem_weights <- weights
  if (!is.null(missing)) params$missing <- missing
  d <- used(df, cols)
  alpha <- if (is.null(weights)) rep(1 / length(cols), length(cols)) else {
    w <- if (is.list(weights)) unlist(weights[cols]) else weights
    w / sum(w)
  }
  r <- coupling_rows(as.matrix(d[, cols]), formula, k, alpha)
  result <- list(n = nrow(d), subsystems = lapply(seq_along(cols), function(j) list(column = cols[j], weight = alpha[j])),
    rows = lapply(seq_len(nrow(d)), function(i) list(id = d$id[i], coupling = r[i, 1], development = r[i, 2],
                                                     coordination = r[i, 3], level = as.integer(r[i, 4]))))
  write_case(name, spec_of("coupling-coordination", params, df), result, paste0(IDX_SOURCE("coupling coordination"), note))
}
cqU <- used(cq20, c("gdppc", "rinc", "urb"))
cqU <- data.frame(id = cqU$id, u_econ = minmax(cqU$gdppc, "+"), u_rural = minmax(cqU$rinc, "+"), u_urb = minmax(cqU$urb, "+"))
coupling_case("coupling-cq-three-standard", cqU, c("u_econ", "u_rural", "u_urb"),
              note = paste0(CQ20, "; U = min-max of GDP per capita, rural income, urbanisation (zeros included)"))
coupling_case("coupling-cq-three-wang2021-weighted", cqU, c("u_econ", "u_rural", "u_urb"), formula = "wang2021",
              weights = list(u_econ = 0.5, u_rural = 0.3, u_urb = 0.2), note = CQ20)
lv <- data.frame(id = sprintf("K%02d", 1:9), u1 = c(0, 0.01, 0.16, 0.25, 0.81, 1, 0.3, 0.9, 0),
                 u2 = c(0, 0.01, 0.16, 0.25, 0.81, 1, 0.7, 0.1, 0.6))
coupling_case("coupling-k2-levels-zero", lv, c("u1", "u2"), k = 2,
              note = "; synthetic: level boundaries 0.1/0.4/0.5/0.9/1, all-zero row (C = 0)")
coupling_case("coupling-wang2021-two-zero-max", lv, c("u1", "u2"), formula = "wang2021", weights = c(2, 1),
              note = "; synthetic: max U = 0 gives C = 0")

# ================================================================================================ obstacle degree
obstacle_case <- function(name, df, inds, weighting = "entropy", top_n = 3, missing = NULL, note = "") {
  params <- list(indicators = inds)
  if (weighting != "entropy") params$weighting <- weighting
  if (top_n != 3) params$top_n <- top_n
  if (!is.null(missing)) params$missing <- missing
  cols <- vapply(inds, `[[`, "", "column")
  dirs <- vapply(inds, `[[`, "", "direction")
  grp <- vapply(inds, function(o) if (is.null(o$group)) NA_character_ else o$group, "")
  given <- vapply(inds, function(o) if (is.null(o$weight)) NA_real_ else o$weight, 0)
  d <- used(df, cols)
  X <- as.matrix(d[, cols])
  w <- weights_by(X, dirs, weighting, given)
  Xn <- matrix(sapply(seq_along(cols), function(j) minmax(X[, j], dirs[j])), nrow = nrow(d))
  O <- obstacle_parts(Xn, w)
  groups <- unique(grp[!is.na(grp)])
  result <- list(n = nrow(d), indicators = lapply(seq_along(cols), function(j) {
    o <- list(column = cols[j], direction = dirs[j])
    if (!is.na(grp[j])) o$group <- grp[j]
    o$weight <- w[j]
    o
  }), rows = lapply(seq_len(nrow(d)), function(i) {
    r <- list(id = d$id[i], obstacles = setNames(as.list(O[i, ]), cols))
    if (length(groups)) r$group_obstacles <- setNames(lapply(groups, function(g) sum(O[i, grp == g])), groups)
    r$top <- arr(top_cols(O[i, ], cols, top_n))
    r
  }), mean_obstacles = setNames(as.list(colMeans(O)), cols))
  write_case(name, spec_of("obstacle-degree", params, df), result, paste0(IDX_SOURCE("obstacle degree"), note))
}
obstacle_case("obstacle-cq-entropy-groups", cq20, cq_grouped, missing = "drop", note = CQ20)
ob <- data.frame(id = c("R1", "R2", "R3", "R4", "R5"), a = c(1, 5, 3, 5, 2), b = c(10, 2, 6, 2, 6), c = c(4, 4, 4, 4, 4),
                 d = c(0, 1, 0.5, 1, 0.25))
obstacle_case("obstacle-given-ties-best-row", ob, list(ind("a", weight = 1), ind("b", "-", weight = 1), ind("c", weight = 3),
              ind("d", weight = 2)), weighting = "given", top_n = 2,
              note = "; synthetic: equal obstacles in indicator order, a best-in-all row (all 0, top empty), constant column")

# ================================================================================================ Theil / Gini
theil_case <- function(name, df, column, population = NULL, group = NULL, missing = NULL, note = "", tol = TOL) {
  params <- list(column = column)
  if (!is.null(population)) params$population <- population
  if (!is.null(group)) params$group <- group
  if (!is.null(missing)) params$missing <- missing
  d <- used(df, c(column, population, group))
  t <- theil_parts(d[[column]], if (is.null(population)) NULL else d[[population]],
                   if (is.null(group)) NULL else as.character(d[[group]]))
  result <- list(n = nrow(d), weighted = !is.null(population), t = t$t)
  if (!is.null(group)) {
    result$between <- t$between
    result$within <- t$within
    result$between_share <- if (t$t == 0) NA else t$between / t$t
    result$groups <- t$groups
  }
  write_case(name, spec_of("theil", params, df), result, paste0(IDX_SOURCE("Theil index and decomposition"), note), tol)
}
cq_th <- cqd(gdppc = cq("gdp_per_capita", 2020), pop = cq("registered_population", 2020), type = cq_dist$region_type,
             parent = as.integer(cq_dist$parent_code), coupon = cq("land_coupon_area_traded", 2019))
theil_case("theil-cq-weighted-text-groups", cq_th, "gdppc", "pop", "type", missing = "drop", note = CQ20)
theil_case("theil-cq-zeros-integer-groups", cq_th, "coupon", group = "parent", missing = "drop",
           note = paste0("; data: ", CQ, ", land-coupon area 2019 (many zeros)"))
eq <- data.frame(id = c("a", "b", "c", "d", "e"), y = c(7, 7, 7, 7, 7), p = c(1, 2, 3, 4, 5), g = c("x", "y", "x", "z", "x"))
theil_case("theil-equal-values-share-null", eq, "y", group = "g", note = "; synthetic: T = 0, between_share null, singleton groups")
theil_case("theil-mexico-1960-regions-inegi", data.frame(id = mex_ids, y = mexico$pcgdp1960, g = mexico$inegi), "y", group = "g",
           note = "; data: libpysal mexico, inegi regions")

gini_case <- function(name, df, column, population = NULL, correction = FALSE, missing = NULL, note = "") {
  params <- list(column = column)
  if (!is.null(population)) params$population <- population
  if (correction) params$correction <- TRUE
  if (!is.null(missing)) params$missing <- missing
  d <- used(df, c(column, population))
  g <- gini_parts(d[[column]], if (is.null(population)) NULL else d[[population]], correction)
  write_case(name, spec_of("gini", params, df), list(n = nrow(d), weighted = !is.null(population), mean = g$mean, gini = g$gini),
             paste0(IDX_SOURCE("Gini"), note))
}
gini_case("gini-cq-weighted-population", cq_th, "gdppc", "pop", missing = "drop", note = CQ20)
gini_case("gini-cq-zeros-correction", cq_th, "coupon", correction = TRUE, missing = "drop",
          note = paste0("; data: ", CQ, ", land-coupon area 2019 (many zeros, ties)"))
gini_case("gini-usjoin-2009-ties", data.frame(id = us_ids, y = round(usjoin[["2009"]] / 1000)), "y",
          note = "; data: usjoin 2009 in thousands, rounded (ties)")

# ================================================================================================ urban-rural Theil
urt_case <- function(name, df, missing = NULL, note = "") {
  params <- list(urban_income = "ui", rural_income = "ri", urban_population = "up", rural_population = "rp")
  if (!is.null(missing)) params$missing <- missing
  d <- used(df, c("ui", "ri", "up", "rp"))
  rows <- lapply(seq_len(nrow(d)), function(i) {
    Iu <- d$ui[i] * d$up[i]; Ir <- d$ri[i] * d$rp[i]; I <- Iu + Ir; P <- d$up[i] + d$rp[i]
    th <- theil_parts(c(d$ui[i], d$ri[i]), c(d$up[i], d$rp[i]))$t
    list(id = d$id[i], theil = th, income_ratio = if (d$ri[i] == 0) NA else d$ui[i] / d$ri[i],
         urban_income_share = Iu / I, urban_population_share = d$up[i] / P)
  })
  write_case(name, spec_of("urban-rural-theil", params, df), list(n = nrow(d), rows = rows),
             paste0(IDX_SOURCE("urban-rural Theil"), note))
}
urt_case("urban-rural-theil-cq-2020-census", cqd(ui = cq("disposable_income_per_capita_urban", 2020),
         ri = cq("income_per_capita_rural", 2020), up = cq("census_urban_population", 2020),
         rp = cq("census_rural_population", 2020)), missing = "drop",
         note = paste0(CQ20, "; per-capita incomes with census 2020 urban/rural population"))
urt_case("urban-rural-theil-zero-rural-income", data.frame(id = c("Z1", "Z2", "Z3"), ui = c(50000, 42000, 30000),
         ri = c(20000, 0, 15000), up = c(100, 70, 20), rp = c(1, 30, 50)),
         note = "; synthetic: rural income 0 (ratio null, rural share 0)")

# ================================================================================================ convergence
sigma_case <- function(name, df, cols, times = NULL, measure = "sd_log", ddof = 0, missing = NULL, note = "") {
  params <- list(columns = arr(cols))
  if (!is.null(times)) params$times <- arr(times)
  if (measure != "sd_log") params$measure <- measure
  if (ddof != 0) params$ddof <- ddof
  if (!is.null(missing)) params$missing <- missing
  d <- used(df, cols)
  tt <- if (is.null(times)) seq_along(cols) - 1 else times
  sg <- vapply(cols, function(c) {
    y <- d[[c]]
    v <- if (measure == "sd_log") log(y) else y
    s <- sqrt(sum((v - mean(v))^2) / (length(v) - ddof))
    if (measure == "cv") s / mean(y) else s
  }, 0)
  slope <- unname(coef(lm(sg ~ tt))[2])
  result <- list(n = nrow(d), measure = measure, ddof = ddof,
                 periods = lapply(seq_along(cols), function(j) list(column = cols[j], time = tt[j], sigma = sg[[j]])),
                 slope = slope, converging = slope < 0)
  write_case(name, spec_of("sigma-convergence", params, df), result, paste0(IDX_SOURCE("sigma convergence (stats::lm slope)"), note))
}
us_dec <- as.character(seq(1929, 2009, by = 10))
us_df <- data.frame(id = us_ids)
for (y in as.character(1929:2009)) us_df[[paste0("y", y)]] <- usjoin[[y]]
sigma_case("sigma-usjoin-cv-ddof1", us_df, paste0("y", us_dec), times = as.numeric(us_dec), measure = "cv", ddof = 1,
           note = "; data: usjoin (BEA per-capita income), every 10 years")
cq_rinc <- cqd(r2010 = cq("income_per_capita_rural", 2010), r2012 = cq("income_per_capita_rural", 2012),
               r2015 = cq("income_per_capita_rural", 2015), r2018 = cq("income_per_capita_rural", 2018),
               r2020 = cq("income_per_capita_rural", 2020))
sigma_case("sigma-cq-sd-default-times", cq_rinc, c("r2010", "r2012", "r2015", "r2018", "r2020"), measure = "sd",
           missing = "drop", note = "; data: Chongqing rural per-capita income (times default 0, 1, ...)")
sigma_case("sigma-cq-sdlog-ddof1-uneven-times", cq_rinc, c("r2010", "r2012", "r2015", "r2018", "r2020"),
           times = c(2010, 2012, 2015, 2018, 2020), ddof = 1, missing = "drop", note = "; data: Chongqing rural per-capita income")

beta_case <- function(name, df, initial, final, years, significance = 0.05, missing = NULL, note = "") {
  params <- list(initial = initial, final = final, years = years)
  if (significance != 0.05) params$significance <- significance
  if (!is.null(missing)) params$missing <- missing
  d <- used(df, c(initial, final))
  g <- log(d[[final]] / d[[initial]]) / years
  x <- log(d[[initial]])
  m <- summary(lm(g ~ x))
  cf <- m$coefficients
  b <- cf[2, 1]
  ok <- b < 0 && 1 + b * years > 0
  speed <- if (ok) -log(1 + b * years) / years else NA
  result <- list(n = nrow(d), years = years, alpha = cf[1, 1], beta = b, se_beta = cf[2, 2], t_beta = cf[2, 3],
                 p_beta = cf[2, 4], r_squared = m$r.squared, speed = speed,
                 half_life = if (ok) log(2) / speed else NA, converging = b < 0 && cf[2, 4] <= significance)
  write_case(name, spec_of("beta-convergence", params, df), result, paste0(RBASE, " summary(lm(g ~ log(y0)))", note))
}
beta_case("beta-usjoin-1929-2009", us_df, "y1929", "y2009", 80, note = "; data: usjoin")
beta_case("beta-cq-rural-income-2010-2020", cq_rinc, "r2010", "r2020", 10, significance = 0.01, missing = "drop",
          note = "; data: Chongqing rural per-capita income")
beta_case("beta-cq-gdppc-2005-2010-diverging", cqd(a = cq("gdp_per_capita", 2005), b = cq("gdp_per_capita", 2010)),
          "a", "b", 5, missing = "drop", note = "; data: Chongqing GDP per capita")
y0 <- exp(c(1, 1.5, 2, 2.7, 3.1, 4, 4.4, 5))
gr <- 0.1 - 0.02 * log(y0) + c(0.002, -0.001, 0.0015, -0.002, 0.001, 0.0005, -0.0015, 0.001)
beta_case("beta-speed-null-strong-beta", data.frame(id = sprintf("B%d", 1:8), y0 = y0, y1 = y0 * exp(gr * 100)), "y0", "y1", 100,
          note = "; synthetic: beta < 0 but 1 + beta T <= 0, speed and half-life null")

# ================================================================================================ Markov
markov_case <- function(name, df, cols, classification = "quantile", k = 5, breaks = NULL, lag = 1, missing = NULL,
                        note = "", absent = FALSE) {
  params <- list(columns = arr(cols))
  if (classification != "quantile") params$classification <- classification
  if (classification != "breaks" && k != 5) params$k <- k
  if (!is.null(breaks)) params$breaks <- arr(breaks)
  if (lag != 1) params$lag <- lag
  if (!is.null(missing)) params$missing <- missing
  d <- used(df, cols)
  if (classification == "breaks") k <- length(breaks) + 1
  br <- NULL
  cls <- sapply(cols, function(c) {
    x <- d[[c]]
    if (classification == "given") return(as.integer(x))
    b <- if (classification == "breaks") breaks else type7_breaks(x, k)
    if (classification == "quantile") br[[length(br) + 1]] <<- arr(b)
    class_of(x, b)
  })
  cls <- matrix(cls, nrow = nrow(d))
  Tm <- matrix(0L, k, k)
  for (t in seq_len(length(cols) - lag)) for (i in seq_len(nrow(d))) {
    Tm[cls[i, t], cls[i, t + lag]] <- Tm[cls[i, t], cls[i, t + lag]] + 1L
  }
  rs <- rowSums(Tm)
  P <- Tm / ifelse(rs == 0, 1, rs)
  ss <- steady_state(P)
  result <- list(n = nrow(d), k = k, periods = length(cols), transitions_total = sum(Tm))
  if (classification == "quantile") result$breaks <- br
  result$transitions <- lapply(seq_len(k), function(r) arr(Tm[r, ]))
  result$probabilities <- lapply(seq_len(k), function(r) arr(P[r, ]))
  result$initial_counts <- arr(as.integer(rs))
  result$steady_state <- if (is.null(ss)) NA else arr(ss)
  result$rows <- lapply(seq_len(nrow(d)), function(i) list(id = d$id[i], classes = arr(cls[i, ])))
  write_case(name, spec_of("markov", params, df, absent), result,
             paste0(RBASE, ": classes by stats::quantile(type = 7), right-closed; counts and steady state (solve) from the spec", note))
}
markov_case("markov-usjoin-decades-q4-lag2", us_df, paste0("y", us_dec), k = 4, lag = 2, note = "; data: usjoin")
cq_urb <- cqd(u2010 = cq("urbanization_rate_resident", 2010), u2012 = cq("urbanization_rate_resident", 2012),
              u2014 = cq("urbanization_rate_resident", 2014), u2016 = cq("urbanization_rate_resident", 2016),
              u2018 = cq("urbanization_rate_resident", 2018), u2020 = cq("urbanization_rate_resident", 2020))
markov_case("markov-cq-urbanisation-breaks", cq_urb, names(cq_urb)[-1], classification = "breaks",
            breaks = c(40, 50, 60, 70, 80, 90), missing = "drop", absent = TRUE, note = "; data: Chongqing urbanisation rate")
cq_cp <- cqd(c2012 = cq("land_coupon_area_traded", 2012), c2014 = cq("land_coupon_area_traded", 2014),
             c2016 = cq("land_coupon_area_traded", 2016), c2018 = cq("land_coupon_area_traded", 2018),
             c2020 = cq("land_coupon_area_traded", 2020))
markov_case("markov-cq-land-coupon-q4-empty-classes", cq_cp, names(cq_cp)[-1], k = 4, missing = "drop",
            note = "; data: Chongqing land-coupon area (zeros repeat cut points: empty classes)")
giv <- data.frame(id = sprintf("S%d", 1:6), p1 = c(1, 1, 2, 3, 4, 2), p2 = c(1, 2, 1, 3, 4, 2), p3 = c(2, 1, 1, 3, 4, 1),
                  p4 = c(1, 2, 2, 3, 4, 1))
markov_case("markov-given-two-closed-classes", giv, c("p1", "p2", "p3", "p4"), classification = "given", k = 4,
            note = "; synthetic: classes 3 and 4 absorbing, steady state not unique (null)")
markov_case("markov-given-empty-class", giv, c("p1", "p2", "p3", "p4"), classification = "given", k = 5,
            note = "; synthetic: class 5 never observed (zero row, steady state null)")
giv2 <- data.frame(id = sprintf("S%d", 1:5), p1 = c(1, 2, 3, 1, 2), p2 = c(2, 3, 1, 1, 3), p3 = c(3, 1, 2, 2, 3),
                   p4 = c(3, 2, 1, 3, 1))
markov_case("markov-given-unique-steady-state", giv2, c("p1", "p2", "p3", "p4"), classification = "given", k = 3,
            note = "; synthetic: irreducible chain")

# cut points that are data values (right-closed: a value equal to a cut point is in the lower class)
brk <- data.frame(id = sprintf("P%02d", 1:8), t1 = c(10, 20, 30, 40, 50, 20, 30, 45), t2 = c(20, 20, 40, 30, 55, 10, 30, 40),
                  t3 = c(30, 10, 40, 40, 60, 20, 20, 50))
markov_case("markov-breaks-on-values", brk, c("t1", "t2", "t3"), classification = "breaks", breaks = c(20, 30, 40),
            note = "; synthetic: many values equal to a cut point")
# h = 1 + (n - 1) * c / k in double precision: n = 56, k = 11, c = 3 gives h = 15.999999999999998 (not 16), so
# Q(3/11) lies a hair below x(16) and a value equal to x(16) goes to the upper class
q56 <- data.frame(id = sprintf("Q%02d", 1:56), a = (1:56) * 3, b = rev((1:56) %% 17) * 2 + 1:56, c = c(rep(5, 15), 6:46))
markov_case("markov-quantile-double-precision-index", q56, c("a", "b", "c"), k = 11,
            note = "; synthetic: 56 rows, k = 11 (type-7 index computed in double precision)")

# ================================================================================================ errors
ix_err <- function(name, method, params, df, code) {
  write_case(name, spec_of(method, params, df), source = "analysis spec §2 rule", error = code)
}
ix_err("error-gini-negative", "gini", list(column = "rdac"), stl_x, "negative_values")
ix_err("error-theil-zero-population", "theil", list(column = "y", population = "p"), transform(eq, p = c(1, 0, 3, 4, 5)),
       "non_positive_population")
ix_err("error-beta-zero-initial", "beta-convergence", list(initial = "hr", final = "pe", years = 5), stl_x,
       "non_positive_values")
ix_err("error-sigma-log-of-zero", "sigma-convergence", list(columns = arr(c("pe", "hr"))), stl_x, "non_positive_values")
ix_err("error-topsis-identical-rows", "topsis", list(indicators = list(ind("y")), weighting = "equal"), eq, "degenerate")
ix_err("error-entropy-one-row", "entropy-weights", list(indicators = list(ind("y"))), eq[1, ], "insufficient_data")
ix_err("error-critic-two-rows", "critic-weights", list(indicators = list(ind("y"), ind("p"))), eq[1:2, ], "insufficient_data")
ix_err("error-entropy-sum-negative", "entropy-weights", list(indicators = list(ind("rdac")), normalization = "sum"), stl_x,
       "negative_values")
ix_err("error-urban-rural-theil-zero-population", "urban-rural-theil", list(urban_income = "ui", rural_income = "ri",
       urban_population = "up", rural_population = "rp"), data.frame(id = c("Z1", "Z2"), ui = c(5, 4), ri = c(2, 1),
       up = c(10, 7), rp = c(0, 3)), "non_positive_population")
ix_err("error-markov-missing-default", "markov", list(columns = arr(names(cq_urb)[-1]), k = 3), cq_urb, "missing_values")
