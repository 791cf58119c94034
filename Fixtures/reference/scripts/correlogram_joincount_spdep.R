# spdep 1.2-7 references: Moran correlograms over contiguity orders (sp.correlogram, method "I",
# style "W", randomisation) and join-count tests (joincount.test, binary weights, nonfree and free
# sampling); also the number of links at each contiguity order (nblag). Queen contiguity.
# Run from the repository root: Rscript Fixtures/reference/scripts/correlogram_joincount_spdep.R
suppressMessages({ library(sf); library(spdep) })
co <- st_read("Fixtures/boundaries/columbus.geojson", quiet = TRUE)
nc <- st_read("Fixtures/boundaries/nc_sids.geojson", quiet = TRUE)
cor_rows <- function(name, nb, x, k) {
  r <- sp.correlogram(nb, x, order = k, method = "I", style = "W", zero.policy = TRUE)$res
  links <- sapply(nblag(nb, k), function(l) sum(card(l)))
  data.frame(data = name, order = 1:k, I = r[, 1], expected = r[, 2], variance = r[, 3], links = links)
}
cn <- poly2nb(co, queen = TRUE); nn <- poly2nb(nc, queen = TRUE)
cg <- rbind(cor_rows("columbus", cn, co$CRIME, 5), cor_rows("nc_sids", nn, nc$SIDR74, 4))
cg[] <- lapply(cg, function(c) if (is.numeric(c)) trimws(format(c, digits = 17)) else c)
write.csv(cg, "Fixtures/reference/correlogram_spdep.csv", row.names = FALSE, quote = FALSE)
jc_rows <- function(name, nb, f) {
  lw <- nb2listw(nb, style = "B", zero.policy = TRUE)
  out <- NULL
  for (s in c("nonfree", "free")) {
    t <- joincount.test(f, lw, sampling = s, zero.policy = TRUE)
    for (i in seq_along(t)) {
      e <- t[[i]]$estimate
      out <- rbind(out, data.frame(data = name, sampling = s, category = levels(f)[i], joins = e[1], expected = e[2], variance = e[3],
                                   z = t[[i]]$statistic, p = t[[i]]$p.value))
    }
  }
  out
}
jc <- rbind(jc_rows("columbus", cn, factor(as.integer(co$CRIME > median(co$CRIME)))),
            jc_rows("nc_sids", nn, factor(cut(nc$SIDR74, c(-Inf, 1, 3, Inf), labels = c(1, 2, 3)))))
jc[] <- lapply(jc, function(c) if (is.numeric(c)) trimws(format(c, digits = 17)) else c)
write.csv(jc, "Fixtures/reference/joincount_spdep.csv", row.names = FALSE, quote = FALSE)
