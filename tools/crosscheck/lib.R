# Helpers of the cross-check generator: a small JSON writer (no package needed beyond base R), row builders and
# the case writer. Sourced by generate.R.

# --- JSON ------------------------------------------------------------------------------------------------------
# named list -> object; unnamed list -> array; atomic of length 1 -> scalar; other atomic -> array;
# arr(v) forces an array; NA / NaN / Inf / NULL -> null.
arr <- function(v) structure(as.list(v), class = "json_array")

json_num <- function(v) {
  if (is.na(v) || !is.finite(v)) return("null")
  if (v == 0) return("0")
  s <- sprintf("%.15g", v)
  if (as.numeric(s) != v) s <- sprintf("%.17g", v)
  s
}

json_str <- function(s) {
  s <- enc2utf8(s)
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  s <- gsub("\n", "\\n", s, fixed = TRUE)
  s <- gsub("\t", "\\t", s, fixed = TRUE)
  paste0("\"", s, "\"")
}

json_scalar <- function(v) {
  if (is.null(v) || length(v) == 0) return("null")
  if (is.na(v)) return("null")
  if (is.logical(v)) return(if (v) "true" else "false")
  if (is.numeric(v)) return(json_num(v))
  json_str(as.character(v))
}

to_json <- function(x, indent = 0) {
  pad <- strrep("  ", indent + 1)
  end <- strrep("  ", indent)
  if (is.null(x)) return("null")
  if (inherits(x, "json_array") || (is.list(x) && is.null(names(x)))) {
    if (length(x) == 0) return("[]")
    items <- vapply(x, function(e) to_json(e, indent + 1), "")
    if (all(!grepl("\n", items)) && sum(nchar(items)) < 100) return(paste0("[", paste(items, collapse = ", "), "]"))
    return(paste0("[\n", pad, paste(items, collapse = paste0(",\n", pad)), "\n", end, "]"))
  }
  if (is.list(x)) {
    if (length(x) == 0) return("{}")
    keys <- names(x)
    items <- vapply(seq_along(x), function(k) paste0(json_str(keys[k]), ": ", to_json(x[[k]], indent + 1)), "")
    if (all(!grepl("\n", items)) && sum(nchar(items)) < 100) return(paste0("{", paste(items, collapse = ", "), "}"))
    return(paste0("{\n", pad, paste(items, collapse = paste0(",\n", pad)), "\n", end, "}"))
  }
  if (length(x) == 1) return(json_scalar(x))
  to_json(arr(x), indent)
}

# --- spec data ---------------------------------------------------------------------------------------------------
# rows of a data.frame (first column "id"): NA -> null, or the key left out when absent = TRUE
df_rows <- function(df, absent = FALSE) {
  lapply(seq_len(nrow(df)), function(i) {
    row <- list()
    for (col in names(df)) {
      v <- df[[col]][i]
      if (is.na(v) && absent) next
      row[[col]] <- if (is.na(v)) NA else v
    }
    row
  })
}

# nb (spdep) -> {id: [ids]} in list order
nb_json <- function(nb, ids) {
  out <- list()
  for (i in seq_along(ids)) {
    js <- nb[[i]]
    js <- js[js != 0L]
    out[[as.character(ids[i])]] <- arr(ids[js])
  }
  out
}

# --- case writer -------------------------------------------------------------------------------------------------
OUT_DIR <- Sys.getenv("CROSSCHECK_OUT", "fixtures/crosscheck")
TOL <- list(abs = 1e-9, rel = 1e-9)
written <- character(0)

write_case <- function(name, spec, result = NULL, source, tolerance = TOL, error = NULL) {
  if (name %in% written) stop("duplicate case ", name)
  written <<- c(written, name)
  spec <- c(list(spec_version = 1), spec)
  writeLines(to_json(spec), file.path(OUT_DIR, paste0(name, ".spec.json")), useBytes = TRUE)
  exp <- if (is.null(error)) {
    list(case = name, source = source, tolerance = tolerance, result = result)
  } else {
    list(case = name, source = source, error = list(code = error))
  }
  writeLines(to_json(exp), file.path(OUT_DIR, paste0(name, ".expected.json")), useBytes = TRUE)
  cat(sprintf("%-44s %s\n", name, spec$method))
}

# tolerance with per-field overrides
tol_with <- function(fields, abs = 1e-9, rel = 1e-9) list(abs = abs, rel = rel, fields = fields)
