# Reference values for NC SIDS (spData's sids.shp, exported as Fixtures/boundaries/nc_sids.geojson)
# from R spdep. Run: Rscript Fixtures/reference/scripts/nc_sids_spdep.R  (Debian: r-cran-spdep,
# r-cran-sf, r-cran-spdata). Writes Fixtures/reference/nc_sids_spdep_*.csv.
suppressMessages({library(spdep); library(sf)})
nc <- st_read("Fixtures/boundaries/nc_sids.geojson", quiet = TRUE)
nb <- poly2nb(nc, queen = TRUE)
lw <- nb2listw(nb, style = "W")
lwb <- nb2listw(nb, style = "B")
lwStarW <- nb2listw(include.self(nb), style = "W")
lwStarB <- nb2listw(include.self(nb), style = "B")
ex <- lm.morantest.exact(lm(SIDR74 ~ 1, data = nc), lw)
ex2 <- lm.morantest.exact(lm(SIDR74 ~ 1, data = nc), lw, alternative = "two.sided")
mt <- moran.test(nc$SIDR74, lw)
global <- data.frame(key = c("links", "moran_I", "p_exact_greater", "p_exact_two_sided", "moran_var_randomisation"),
                     value = c(sum(card(nb)), ex$estimate[1], ex$p.value, ex2$p.value, mt$estimate[3]))
write.csv(format(global, digits = 17), "Fixtures/reference/nc_sids_spdep_global.csv", row.names = FALSE, quote = FALSE)
local <- data.frame(FIPSNO = nc$FIPSNO,
                    G_z_W = as.numeric(localG(nc$SIDR74, lw)),
                    G_z_B = as.numeric(localG(nc$SIDR74, lwb)),
                    Gstar_z_W = as.numeric(localG(nc$SIDR74, lwStarW)),
                    Gstar_z_B = as.numeric(localG(nc$SIDR74, lwStarB)))
write.csv(format(local, digits = 17), "Fixtures/reference/nc_sids_spdep_local_g.csv", row.names = FALSE, quote = FALSE)
