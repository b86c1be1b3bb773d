# Generates fixtures/crosscheck/<case>.spec.json + .expected.json: spatial numbers from spdep, the other methods
# from the spec's formulas in base R (formulas.R). Run from the repository root:
#   Rscript tools/crosscheck/generate.R
# Data: ../shared/data (override with CROSSCHECK_DATA). See tools/crosscheck/README.md.
options(warn = 1, stringsAsFactors = FALSE)
# labels in Chinese: strings must be UTF-8 (run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8)
if (!isTRUE(l10n_info()[["UTF-8"]])) invisible(Sys.setlocale("LC_CTYPE", "C.UTF-8"))
stopifnot(isTRUE(l10n_info()[["UTF-8"]]))
here <- "tools/crosscheck"
source(file.path(here, "lib.R"))
source(file.path(here, "spatial.R"))
source(file.path(here, "formulas.R"))
RBASE <- paste0("R ", getRversion(), " base")
DATA <- Sys.getenv("CROSSCHECK_DATA", "../shared/data")
dir.create(OUT_DIR, showWarnings = FALSE, recursive = TRUE)
unlink(list.files(OUT_DIR, pattern = "\\.(spec|expected)\\.json$", full.names = TRUE))

# ================================================================================================ data
vs <- function(f) file.path(DATA, "validation-sources", f)
stl <- read.csv(vs("stl_hom_attributes.csv"))
stl_ids <- as.character(stl$FIPS)
stl_nb <- read.gal(vs("stl.gal"), override.id = TRUE)
mexico <- read.csv(vs("mexico.csv"))
mex_ids <- sprintf("MX%02d", seq_len(nrow(mexico)))
usjoin <- read.csv(vs("usjoin.csv"), check.names = FALSE)
us_ids <- sprintf("%02d", usjoin$STATE_FIPS)
ntd <- read.csv(vs("ntd_collectdata.csv"))

cq_dir <- file.path(DATA, "chongqing")
cq_pts <- read.csv(file.path(cq_dir, "district_points.csv"), colClasses = c(region_code = "character"))
cq_pts <- cq_pts[cq_pts$point_type == "polygon_centroid", ]
cq_ids <- cq_pts$region_code
cq_dist <- read.csv(file.path(cq_dir, "districts.csv"), colClasses = c(region_code = "character", parent_code = "character"))
cq_dist <- cq_dist[match(cq_ids, cq_dist$region_code), ]
cq_panel <- read.csv(file.path(cq_dir, "panel_long.csv"), colClasses = c(region_code = "character"))
cq <- function(indicator, year) {
  d <- cq_panel[cq_panel$indicator == indicator & cq_panel$year == year, ]
  d$value[match(cq_ids, d$region_code)]
}
cq_xy <- as.matrix(cq_pts[, c("lng", "lat")])
cq_knn4 <- knn2nb(knearneigh(cq_xy, k = 4, longlat = TRUE))   # asymmetric
cq_band50 <- dnearneigh(cq_xy, 0, 50, longlat = TRUE)           # 6 islands
cq_band60 <- dnearneigh(cq_xy, 0, 60, longlat = TRUE)           # 2 islands
stopifnot(!is.symmetric.nb(cq_knn4), sum(card(cq_band50) == 0) == 6)
CQ <- "Chongqing district panel (shared/data/chongqing)"
CQW <- function(w) sprintf("; data: %s, weights: %s of polygon centroids (spdep)", CQ, w)
STLD <- "; data: libpysal stl (stl.gal rook contiguity, ids = FIPS)"

# ================================================================================================ moran
moran_case("moran-stl-hr7984-two-sided", stl_ids, stl$HR7984, stl_nb, alternative = "two.sided", note = STLD)
moran_case("moran-stl-hr8893-binary-less", stl_ids, stl$HR8893, stl_nb, style = "B", alternative = "less", note = STLD)
moran_case("moran-cq-knn4-gdppc-drop", cq_ids, cq("gdp_per_capita", 2020), cq_knn4, missing = "drop",
           note = CQW("asymmetric k = 4 nearest"))
moran_case("moran-cq-knn4-land-coupon-zeros-absent", cq_ids, cq("land_coupon_area_traded", 2019), cq_knn4,
           alternative = "two.sided", missing = "drop", absent = TRUE, note = CQW("asymmetric k = 4 nearest"))
urb2020 <- cq("census_urban_population", 2020) / (cq("census_urban_population", 2020) + cq("census_rural_population", 2020))
moran_case("moran-cq-band50-islands", cq_ids, urb2020, cq_band50, allow_islands = TRUE,
           note = CQW("50 km distance band, 6 islands"))
moran_case("moran-cq-band50-islands-no-adjust-binary", cq_ids, urb2020, cq_band50, style = "B", adjust_n = FALSE,
           allow_islands = TRUE, alternative = "two.sided", note = CQW("50 km distance band, 6 islands"))
# asymmetric island: a region with [] that other regions still list
knn_isl <- cq_knn4
knn_isl[[5]] <- 0L
moran_case("moran-cq-knn4-asymmetric-island", cq_ids, cq("income_per_capita_rural", 2020), knn_isl,
           allow_islands = TRUE, missing = "drop", note = CQW("k = 4 nearest, region 5's own list emptied"))
# dropping rows empties another region's list: an island appears only after subset.listw
ind2015 <- cq("industrial_enterprises_above_scale", 2015)
moran_case("moran-cq-band60-drop-makes-islands", cq_ids, ind2015, cq_band60, allow_islands = TRUE,
           missing = "drop", alternative = "two.sided", note = CQW("60 km distance band"))

# ================================================================================================ lisa
lisa_case("lisa-stl-hr7984-total-greater", stl_ids, stl$HR7984, stl_nb, variance = "total", alternative = "greater",
          note = STLD)
lisa_case("lisa-stl-hr8893-binary-less", stl_ids, stl$HR8893, stl_nb, style = "B", alternative = "less",
          significance = 0.1, note = STLD)
lisa_case("lisa-cq-knn4-gdppc-drop", cq_ids, cq("gdp_per_capita", 2020), cq_knn4, missing = "drop",
          note = CQW("asymmetric k = 4 nearest"))
lisa_case("lisa-cq-knn4-land-coupon-zeros-total", cq_ids, cq("land_coupon_area_traded", 2019), cq_knn4,
          variance = "total", missing = "drop", absent = TRUE, note = CQW("asymmetric k = 4 nearest"))
lisa_case("lisa-cq-band50-islands-total", cq_ids, urb2020, cq_band50, variance = "total", allow_islands = TRUE,
          note = CQW("50 km distance band, 6 islands"))
lisa_case("lisa-cq-band50-islands-binary", cq_ids, urb2020, cq_band50, style = "B", allow_islands = TRUE,
          alternative = "greater", note = CQW("50 km distance band, 6 islands"))
lisa_case("lisa-cq-band60-drop-makes-islands", cq_ids, ind2015, cq_band60, allow_islands = TRUE, missing = "drop",
          note = CQW("60 km distance band"))
# a region exactly at the mean (z_i = 0): conditional variance 0 -> z, p null, quadrant L?
grid_ids <- c("G11", "G12", "G13", "G21", "G22", "G23", "G31", "G32", "G33")
grid_nb <- structure(lapply(seq_along(grid_ids), function(k) {
  r <- (k - 1) %/% 3; c <- (k - 1) %% 3
  nbr <- c(if (r > 0) k - 3, if (c > 0) k - 1, if (c < 2) k + 1, if (r < 2) k + 3)
  as.integer(nbr)
}), class = "nb", region.id = grid_ids)
grid_v <- c(9, 8, 2, 7, 5, 1, 3, 2, 8)  # mean 5 = G22
lisa_case("lisa-grid-zero-deviation", grid_ids, grid_v, grid_nb, note = "; 3x3 rook lattice, G22 at the mean")
lisa_case("lisa-grid-zero-deviation-total", grid_ids, grid_v, grid_nb, variance = "total",
          note = "; 3x3 rook lattice, G22 at the mean")

# ================================================================================================ getis-ord
getis_case("getis-ord-stl-hr8893-star-w", stl_ids, stl$HR8893, stl_nb, note = STLD)
getis_case("getis-ord-stl-hr7984-gi-binary", stl_ids, stl$HR7984, stl_nb, style = "B", star = FALSE, note = STLD)
getis_case("getis-ord-cq-knn4-gdppc-star-drop-greater", cq_ids, cq("gdp_per_capita", 2020), cq_knn4,
           alternative = "greater", missing = "drop", note = CQW("asymmetric k = 4 nearest"))
getis_case("getis-ord-cq-knn4-land-coupon-gi-w", cq_ids, cq("land_coupon_area_traded", 2019), cq_knn4,
           star = FALSE, missing = "drop", absent = TRUE, note = CQW("asymmetric k = 4 nearest"))
getis_case("getis-ord-cq-band50-islands-gi-less", cq_ids, urb2020, cq_band50, star = FALSE, allow_islands = TRUE,
           alternative = "less", note = CQW("50 km distance band, 6 islands"))
getis_case("getis-ord-cq-band50-islands-star-binary", cq_ids, urb2020, cq_band50, style = "B", allow_islands = TRUE,
           note = CQW("50 km distance band, 6 islands"))
getis_case("getis-ord-cq-band50-islands-star-w", cq_ids, cq("income_per_capita_rural", 2020), cq_band50,
           allow_islands = TRUE, missing = "drop", significance = 0.1, note = CQW("50 km distance band, 6 islands"))
getis_case("getis-ord-cq-band60-drop-makes-islands-gi-binary", cq_ids, ind2015, cq_band60, style = "B", star = FALSE,
           allow_islands = TRUE, missing = "drop", note = CQW("60 km distance band"))

# ids given as JSON numbers (read as their decimal text), in the rows and in the neighbour lists
lisa_case("lisa-cq-knn4-numeric-ids", as.numeric(cq_ids), cq("income_per_capita_rural", 2020), cq_knn4, missing = "drop",
          note = CQW("asymmetric k = 4 nearest; ids as JSON numbers"))
getis_case("getis-ord-cq-knn4-numeric-ids-gi-binary", as.numeric(cq_ids), cq("income_per_capita_rural", 2020), cq_knn4,
           star = FALSE, style = "B", missing = "drop", note = CQW("asymmetric k = 4 nearest; ids as JSON numbers"))

# ================================================================================================ permutations
# analytical fields from spdep; permutation p-values filled in afterwards by permutation.py (spec §5/§7 generator)
PERMN <- "; permutation p from permutation.py"
moran_case("moran-stl-hr8893-perm999-seed42", stl_ids, stl$HR8893, stl_nb, perm = list(permutations = 999, seed = 42),
           note = paste0(STLD, PERMN))
moran_case("moran-cq-knn4-perm-two-sided-negative-seed", cq_ids, cq("gdp_per_capita", 2020), cq_knn4, style = "B",
           alternative = "two.sided", missing = "drop", perm = list(permutations = 499, seed = -1),
           note = paste0(CQW("asymmetric k = 4 nearest"), PERMN))
moran_case("moran-cq-band50-islands-perm-less-big-seed", cq_ids, urb2020, cq_band50, allow_islands = TRUE,
           alternative = "less", perm = list(permutations = 299, seed = 9007199254740991),
           note = paste0(CQW("50 km distance band, 6 islands"), PERMN))
lisa_case("lisa-stl-hr8893-perm999-inference", stl_ids, stl$HR8893, stl_nb,
          perm = list(permutations = 999, seed = 7, inference = "permutation"), note = paste0(STLD, PERMN))
lisa_case("lisa-cq-band50-islands-perm-greater", cq_ids, urb2020, cq_band50, allow_islands = TRUE, alternative = "greater",
          variance = "total", perm = list(permutations = 499, seed = 4294967296),
          note = paste0(CQW("50 km distance band, 6 islands"), PERMN))
lisa_case("lisa-cq-knn4-land-coupon-perm-ties", cq_ids, cq("land_coupon_area_traded", 2019), cq_knn4, missing = "drop",
          perm = list(permutations = 999, inference = "permutation"), significance = 0.1,
          note = paste0(CQW("asymmetric k = 4 nearest"), "; many zero values (tied lags)", PERMN))
lisa_case("lisa-grid-zero-deviation-perm", grid_ids, grid_v, grid_nb, style = "B", alternative = "less",
          perm = list(permutations = 99, seed = 0), note = paste0("; 3x3 rook lattice, G22 at the mean (every permutation ties)", PERMN))
getis_case("getis-ord-cq-knn4-land-coupon-gi-perm-ties", cq_ids, cq("land_coupon_area_traded", 2019), cq_knn4,
           star = FALSE, missing = "drop", perm = list(permutations = 999, seed = 3, inference = "permutation"),
           note = paste0(CQW("asymmetric k = 4 nearest"), "; many zero values (tied lags)", PERMN))
getis_case("getis-ord-cq-band50-islands-star-perm", cq_ids, urb2020, cq_band50, allow_islands = TRUE, alternative = "greater",
           perm = list(permutations = 499, seed = -123456789, inference = "permutation"),
           note = paste0(CQW("50 km distance band, 6 islands (self only: p_sim null)"), PERMN))
getis_case("getis-ord-stl-hr7984-star-binary-perm-less", stl_ids, stl$HR7984, stl_nb, style = "B", alternative = "less",
           perm = list(permutations = 999), note = paste0(STLD, PERMN))

# ================================================================================================ spatial errors
sp_err <- function(name, method, params, ids, x, nb, code, style = "W") {
  write_case(name, spatial_spec(method, c(list(column = "v"), params), ids, "v", x, nb, style), source =
             "analysis spec §1/§2 rule", error = code)
}
sp_err("error-moran-islands-not-allowed", "moran", list(), cq_ids, urb2020, cq_band50, "no_neighbors")
sp_err("error-getis-ord-star-self-only-island", "getis-ord", list(), cq_ids, urb2020, cq_band50, "no_neighbors")
sp_err("error-lisa-drop-makes-islands", "lisa", list(missing = "drop"), cq_ids, ind2015, cq_band60, "no_neighbors")
sp_err("error-moran-constant-after-drop", "moran", list(missing = "drop"), grid_ids,
       c(NA, 4, 4, 4, 4, 4, 4, 4, 4), grid_nb, "constant_column")
sp_err("error-getis-ord-three-rows-after-drop", "getis-ord", list(missing = "drop"), grid_ids,
       c(1, 2, 3, NA, NA, NA, NA, NA, NA), grid_nb, "insufficient_data")
sp_err("error-lisa-missing-default", "lisa", list(), cq_ids, cq("gdp_per_capita", 2020), cq_knn4, "missing_values")

source(file.path(here, "generate-geodetector.R"))
source(file.path(here, "generate-indices.R"))
cat(length(written), "cases written to", OUT_DIR, "\n")
