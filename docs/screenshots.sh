#!/usr/bin/env bash
# Renders the Luton report and checks what users see in headless Chromium: screenshots at
# 1,400 px and 1,024 px, the A4 landscape PDF, and the spine and funnel charts. Needs chromium
# (apt-get install chromium) and a release build; writes into docs/ (the README's pictures) and
# $OUT (default /tmp/equity-screens) for the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/equity-screens}
rm -rf "$OUT" && mkdir -p "$OUT"
EQUITY=.build/release/equity
$EQUITY report --input Fixtures/fingertips/luton_marmot_export.csv --indicators Fixtures/fingertips/luton_marmot_metadata.csv \
  --comparators Fixtures/luton_marmot/comparators.csv --area E06000032 --title "Luton Marmot indicators" --output-dir "$OUT/report" 2>/dev/null
$EQUITY funnel --input Fixtures/ward_indicators.csv --statistic proportion --numerator smokers --denominator adults --multiplier 100 \
  --plot "$OUT/funnel.svg" --title "Smoking prevalence by ward, Luton" --output "$OUT/funnel.csv" 2>/dev/null
# Maps at national scale (with a London inset) and zoomed to one city, checked as a reader sees them.
$EQUITY map --polygons Fixtures/boundaries/england_lsoa11_bgc.geojson.gz --id-property LSOA11CD --value-property income_score \
  --title "Income deprivation, England 2019" --subtitle "32,844 LSOAs (2011), quintiles" \
  --legend-title "Income deprivation score (proportion of residents)" --inset=-0.52,51.28,0.34,51.70 --inset-title London \
  --map "$OUT/map_england.svg" 2>/dev/null
$EQUITY map --polygons Fixtures/boundaries/england_lsoa11_bgc.geojson.gz --id-property LSOA11CD --value-property income_score \
  --zoom-to lad19cd=E06000032 --scheme natural-breaks --title "Income deprivation, Luton and around, 2019" \
  --subtitle "LSOAs (2011), natural breaks over England" --legend-title "Income deprivation score (proportion of residents)" \
  --map "$OUT/map_luton_zoom.svg" 2>/dev/null
# The README walk-through's ward map: LSOAs → wards → rates → map.
$EQUITY aggregate --input Fixtures/deprivation/luton_lsoa11_income_deprived.csv --code lsoa11cd --sum pop_mid2015,income_deprived \
  --lookup Fixtures/lookups/luton_lsoa11_ward25_bestfit.csv --lookup-from LSOA11CD --lookup-to WD25CD --lookup-name WD25NM \
  --output "$OUT/wards.csv"
$EQUITY ci proportion --input "$OUT/wards.csv" --numerator income_deprived --denominator pop_mid2015 --multiplier 100 \
  --output "$OUT/ward_rates.csv"
$EQUITY map --polygons Fixtures/boundaries/luton_ward_E06000032.geojson --id-property WD25CD --input "$OUT/ward_rates.csv" --id WD25CD \
  --value value --scheme natural-breaks --title "Income deprivation by ward, Luton" \
  --subtitle "Wards (2025) from LSOAs (2011) by best fit; IoD 2019" --legend-title "Residents income-deprived (%)" \
  --map "$OUT/map_luton_wards.svg" 2>/dev/null
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$1" --window-size="$2" "file://$3" 2>/dev/null; }
shot docs/report_luton.png 1400,1250 "$OUT/report/report.html"
shot "$OUT/report_1400.png" 1400,2600 "$OUT/report/report.html"
shot "$OUT/report_1024.png" 1024,2600 "$OUT/report/report.html"
shot "$OUT/spine.png" 1000,700 "$OUT/report/chart_spine.svg"
shot docs/funnel_wards.png 900,620 "$OUT/funnel.svg"
shot docs/map_luton_wards.png 900,612 "$OUT/map_luton_wards.svg"
shot docs/map_england.png 900,895 "$OUT/map_england.svg"
shot docs/map_luton_zoom.png 900,612 "$OUT/map_luton_zoom.svg"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$OUT/report.pdf" "file://$OUT/report/report.html" 2>/dev/null
ls -la docs/report_luton.png docs/funnel_wards.png docs/map_england.png docs/map_luton_zoom.png docs/map_luton_wards.png "$OUT"
