# Auckland (spData, CC0): Marshall's 167 census area units, whose boundaries subdivide shared
# edges (one polygon has a vertex part-way along the other's straight edge). Writes
# Fixtures/boundaries/auckland.geojson (with `row`, R's 1-based row number, as the id) and
# Fixtures/reference/auckland_rook_spdep.csv: spdep's rook pairs (poly2nb(queen = FALSE): 376,
# where libpysal's Rook, which needs identical edges, finds 353) and queen pairs (386).
# Run: Rscript Fixtures/reference/scripts/auckland_rook_spdep.R  (Debian: r-cran-spdep,
# r-cran-sf, r-cran-spdata; spdep 1.2-7, spData 2.2.1).
suppressMessages({library(spdep); library(sf)})
a <- st_read(system.file("shapes/auckland.shp", package = "spData"), quiet = TRUE)
a$row <- seq_len(nrow(a))
a <- a[, c("row", setdiff(names(a), c("row", "geometry")))]
unlink("Fixtures/boundaries/auckland.geojson")
st_write(a, "Fixtures/boundaries/auckland.geojson", quiet = TRUE, layer_options = "COORDINATE_PRECISION=15")
pairs <- function(nb, rule) {
  out <- do.call(rbind, lapply(seq_along(nb), function(i) if (nb[[i]][1] != 0) data.frame(rule = rule, row_a = i, row_b = nb[[i]])))
  out[out$row_a < out$row_b, ]
}
ref <- rbind(pairs(poly2nb(a, queen = FALSE), "rook"), pairs(poly2nb(a, queen = TRUE), "queen"))
write.csv(ref, "Fixtures/reference/auckland_rook_spdep.csv", row.names = FALSE, quote = FALSE)
cat(table(ref$rule), "\n")
