# SPDX-License-Identifier: GPL-2.0-or-later
# bench.smoke: bench/run --smoke (5 s capture, one run per tool) with this
# build's binaries: it runs and prints its ratios; form only, never speed.
# Not in sanitizer builds: the tshark rows would need the runtimes preloaded,
# and the figures would mean nothing there.
if(NOT MA_SANITIZE)
  add_test(NAME bench.smoke
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/bench/smoke.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  set_tests_properties(bench.smoke PROPERTIES TIMEOUT 300 LABELS bench)
endif()
