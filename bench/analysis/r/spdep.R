# Moran's I (moran.mc) or LISA (localmoran_perm) with permutations on a side x side queen grid (cell2nb),
# row-standardised weights (style W). x is read as little-endian float64; cell2nb numbers cells column-major,
# which on a square grid gives the same neighbour graph by index as ronghe's row-major grid (the transpose).
# Usage: Rscript spdep.R moran|lisa SIDE NSIM X_FILE [II_OUT]
# Prints one line: @@R {"seconds":…,"cpu":…,"i":…,"p":…} (moran) or @@R {"seconds":…,"cpu":…} (lisa; Ii to II_OUT).
# seconds: elapsed; cpu: user + system of this process.
args <- commandArgs(trailingOnly = TRUE)
what <- args[1]; side <- as.integer(args[2]); nsim <- as.integer(args[3]); xfile <- args[4]
suppressPackageStartupMessages(library(spdep))
x <- readBin(xfile, what = "double", n = side * side, size = 8, endian = "little")
lw <- nb2listw(cell2nb(side, side, type = "queen"), style = "W")
set.seed(12345)
if (what == "moran") {
  t <- system.time(m <- moran.mc(x, lw, nsim = nsim, alternative = "greater"))
  cat(sprintf('@@R {"seconds":%.6f,"cpu":%.6f,"i":%.17g,"p":%.17g}\n', t[["elapsed"]], t[["user.self"]] + t[["sys.self"]],
              unname(m$statistic), m$p.value))
} else {
  t <- system.time(l <- localmoran_perm(x, lw, nsim = nsim))
  writeBin(as.numeric(l[, "Ii"]), args[5], size = 8, endian = "little")
  cat(sprintf('@@R {"seconds":%.6f,"cpu":%.6f}\n', t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
}
