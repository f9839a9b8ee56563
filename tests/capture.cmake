# SPDX-License-Identifier: GPL-2.0-or-later
# Capture-side tests (tools/mcast-audit capture_*.c, core/decode_*.c): they link
# the ma_capture library (libpcap) and build packets and capture files in
# memory or in a temporary folder.
add_library(ma_capture_testkit STATIC ${CMAKE_CURRENT_SOURCE_DIR}/capture/pkt.c)
target_link_libraries(ma_capture_testkit PUBLIC ma_capture ma_core)
# The capture tests test the decoders themselves: they see the internals.
target_include_directories(ma_capture_testkit PUBLIC ${PROJECT_SOURCE_DIR}/tools/mcast-audit
                           ${PROJECT_SOURCE_DIR}/core)
foreach(name test_decode_link test_decode_ip test_decode_tcp test_capture_file
             test_capture_correlator test_decode_fuzz)
  add_executable(${name} ${CMAKE_CURRENT_SOURCE_DIR}/capture/${name}.c)
  target_link_libraries(${name} PRIVATE ma_capture_testkit)
  add_test(NAME capture.${name} COMMAND ${name})
  set_tests_properties(capture.${name} PROPERTIES
    ENVIRONMENT "G_DEBUG=fatal-warnings;MA_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endforeach()

# The sample captures against the generator's expected figures.
add_executable(test_capture_samples ${CMAKE_CURRENT_SOURCE_DIR}/capture/test_capture_samples.c)
target_link_libraries(test_capture_samples PRIVATE ma_capture ma_core PkgConfig::JSONGLIB)
target_include_directories(test_capture_samples PRIVATE ${PROJECT_SOURCE_DIR}/tools/mcast-audit)
add_test(NAME capture.test_capture_samples COMMAND test_capture_samples)
set_tests_properties(capture.test_capture_samples PROPERTIES
  ENVIRONMENT "G_DEBUG=fatal-warnings;MA_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
