# Empirical-Bayes rate references from spdep (EBest, EBlocal) for Equity's tests.
# Run from the repository root: Rscript Fixtures/reference/scripts/eb_spdep.R
suppressMessages({ library(sf); library(spdep) })
out <- function(name, ids, x, n, nb) {
  p <- EBest(x, n)                       # global, Poisson model (Marshall 1991)
  b <- EBest(x, n, family = "binomial")  # global, binomial model
  l <- EBlocal(x, n, nb)                 # local, spdep's variance (each neighbour's own local mean)
  g <- EBlocal(x, n, nb, geoda = TRUE)   # local, GeoDa's variance (the area's local mean)
  df <- data.frame(id = ids, events = x, base = n,
                   ebest_poisson = p$estmm, ebest_binomial = b$estmm,
                   eblocal_raw = l$raw, eblocal = l$est, eblocal_geoda = g$est)
  write.csv(df, name, row.names = FALSE)
  cat(name, "m =", attr(p, "parameters")$a, attr(p, "parameters")$m, "\n")
}
options(digits = 17)
nc <- st_read("Fixtures/boundaries/nc_sids.geojson", quiet = TRUE)
out("Fixtures/reference/nc_sids_spdep_eb.csv", nc$FIPSNO, nc$SID74, nc$BIR74, poly2nb(nc, queen = TRUE))
lu <- st_read("Fixtures/boundaries/luton_lsoa11_E06000032.geojson", quiet = TRUE)
d <- read.csv("Fixtures/deprivation/luton_lsoa11_income_deprived.csv")
d <- d[match(lu$LSOA11CD, d$lsoa11cd), ]
out("Fixtures/reference/luton_lsoa11_spdep_eb.csv", d$lsoa11cd, d$income_deprived, d$pop_mid2015, poly2nb(lu, queen = TRUE))
