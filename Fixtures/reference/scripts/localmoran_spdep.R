# spdep 1.2-7 localmoran analytic moments (conditional = TRUE, Sokal et al. 1998; and the total
# moments, conditional = FALSE) for Equity's tests. Queen contiguity, row-standardised.
# Run from the repository root: Rscript Fixtures/reference/scripts/localmoran_spdep.R
suppressMessages({ library(sf); library(spdep) })
one <- function(name, ids, x, geo) {
  lw <- nb2listw(poly2nb(geo, queen = TRUE), style = "W", zero.policy = TRUE)
  c1 <- localmoran(x, lw, zero.policy = TRUE)
  c0 <- localmoran(x, lw, zero.policy = TRUE, conditional = FALSE)
  data.frame(data = name, id = ids, Ii = c1[, 1], E_Ii = c1[, 2], Var_Ii = c1[, 3], Z_Ii = c1[, 4], P_Ii = c1[, 5],
             E_Ii_total = c0[, 2], Var_Ii_total = c0[, 3], Z_Ii_total = c0[, 4], P_Ii_total = c0[, 5])
}
nc <- st_read("Fixtures/boundaries/nc_sids.geojson", quiet = TRUE)
co <- st_read("Fixtures/boundaries/columbus.geojson", quiet = TRUE)
lu <- st_read("Fixtures/boundaries/luton_lsoa11_E06000032.geojson", quiet = TRUE)
d <- read.csv("Fixtures/deprivation/luton_lsoa11_iod2019.csv")
d <- d[match(lu$LSOA11CD, d$lsoa11cd), ]
out <- rbind(one("nc_sids", nc$FIPSNO, nc$SIDR74, nc), one("columbus", co$POLYID, co$CRIME, co),
             one("luton", lu$LSOA11CD, d$income_score, lu))
out[] <- lapply(out, function(c) if (is.numeric(c)) trimws(format(c, digits = 17)) else c)
write.csv(out, "Fixtures/reference/localmoran_spdep.csv", row.names = FALSE, quote = FALSE)
