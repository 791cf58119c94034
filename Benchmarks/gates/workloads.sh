# Fixed workloads for the CI gates: NAME|command line (run from the repository root with the
# release binary as $EQUITY, scratch files in $SCRATCH). Small enough for
# valgrind; each exercises one hot kernel end to end.
proportion_200k_rows|$EQUITY ci proportion --input $SCRATCH/rows.csv --numerator numerator --denominator denominator --confidence 0.95,0.998 --output $SCRATCH/out.csv
rate_200k_rows|$EQUITY ci rate --input $SCRATCH/rows.csv --count numerator --population denominator --confidence 0.95,0.998 --output $SCRATCH/out.csv
dsr_fixture|$EQUITY ci dsr --input Fixtures/dsr_by_age.csv --group-by area --numerator deaths --denominator population --age-band ageband --output $SCRATCH/out.csv
sii_3_areas_100k_reps|$EQUITY sii --input Fixtures/sii_deciles.csv --group-by area --quantile-column decile --population population --value life_expectancy --lower-cl lowercl --upper-cl uppercl --rii --seed 1 --output $SCRATCH/out.csv
gini_luton_10k_bootstrap|$EQUITY gini --input Fixtures/deprivation/luton_lsoa11_iod2019.csv --value income_score --bootstrap 10000 --seed 1 --output $SCRATCH/out.csv
twenty_twenty_all_LAs|$EQUITY twenty-twenty --input Fixtures/deprivation/england_lsoa11_iod2019.csv.gz --output $SCRATCH/out.csv
weights_luton_queen|$EQUITY weights --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson --id-property LSOA11CD --output $SCRATCH/out.csv
moran_luton_9999_permutations|$EQUITY moran --input Fixtures/deprivation/luton_lsoa11_iod2019.csv --id lsoa11cd --value income_score --adjacency Fixtures/adjacency/luton_lsoa11_bgc_queen_edges.csv --permutations 9999 --seed 1 --output $SCRATCH/out.json
lisa_national_99_permutations|$EQUITY lisa --input Fixtures/deprivation/england_lsoa11_iod2019.csv.gz --id lsoa11cd --value income_score --adjacency Fixtures/adjacency/england_lsoa11_bgc_queen_edges.csv.gz --allow-islands --permutations 99 --seed 1 --output $SCRATCH/out.csv
compare_luton_demo|$EQUITY compare --input Fixtures/luton_marmot/data.csv --indicators Fixtures/luton_marmot/indicators.csv --comparators Fixtures/luton_marmot/comparators.csv --output $SCRATCH/out.csv
deprivation_sii_luton_national_deciles|$EQUITY deprivation-sii --input Fixtures/deprivation/luton_lsoa11_income_deprived.csv --code lsoa11cd --score income_score --population pop_mid2015 --count income_deprived --statistic proportion --per 100 --reference Fixtures/deprivation/england_lsoa11_iod2019.csv.gz --rii --output $SCRATCH/out.csv
