# Entropy weights + TOPSIS in base R, as analysis-spec.md §5 defines them (entropy: min-max with cost columns
# reversed, shift 1e-4; TOPSIS: vector normalisation, weighted, distances to ideal and anti-ideal).
# Usage: Rscript entropy-topsis.R N M X_FILE DIRECTIONS CLOSENESS_OUT
#   X_FILE: N x M little-endian float64, column-major; DIRECTIONS: a string of + and - (one per column).
# Prints one line: @@R {"seconds":…,"cpu":…,"weights":[…]} (elapsed and user + system seconds); writes the
# closeness coefficients to CLOSENESS_OUT.
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[1]); m <- as.integer(args[2])
X <- matrix(readBin(args[3], what = "double", n = n * m, size = 8, endian = "little"), nrow = n, ncol = m)
benefit <- strsplit(args[4], "")[[1]] == "+"
t <- system.time({
  mn <- apply(X, 2, min); mx <- apply(X, 2, max)
  Xn <- sweep(sweep(X, 2, mn, "-"), 2, mx - mn, "/")
  Xn[, !benefit] <- 1 - Xn[, !benefit]
  P <- Xn + 1e-4
  P <- sweep(P, 2, colSums(P), "/")
  e <- -colSums(P * log(P)) / log(n)
  w <- (1 - e) / sum(1 - e)
  V <- sweep(sweep(X, 2, sqrt(colSums(X^2)), "/"), 2, w, "*")
  vmax <- apply(V, 2, max); vmin <- apply(V, 2, min)
  best <- ifelse(benefit, vmax, vmin); worst <- ifelse(benefit, vmin, vmax)
  dplus <- sqrt(rowSums(sweep(V, 2, best)^2))
  dminus <- sqrt(rowSums(sweep(V, 2, worst)^2))
  closeness <- dminus / (dplus + dminus)
})
writeBin(closeness, args[5], size = 8, endian = "little")
cat(sprintf('@@R {"seconds":%.6f,"cpu":%.6f,"weights":[%s]}\n', t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], paste(sprintf("%.17g", w), collapse = ",")))
