# The probe (mcast-audit --listen, issue 17): the OpenMetrics writer and the
# HTTP routing unit-tested, the endpoint against promtool and the file audit,
# the shipped alert rules with promtool, and a real Prometheus end to end.
set(MA_MON_DIR ${PROJECT_SOURCE_DIR}/tests/monitor)
find_program(MA_PROMTOOL promtool)

add_executable(monitor_test_metrics ${MA_MON_DIR}/test_metrics.c)
target_link_libraries(monitor_test_metrics PRIVATE ma_monitor)
target_include_directories(monitor_test_metrics PRIVATE ${PROJECT_SOURCE_DIR}/tools/mcast-audit)
add_test(NAME monitor.test_metrics COMMAND monitor_test_metrics)
set_tests_properties(monitor.test_metrics PROPERTIES ENVIRONMENT "G_DEBUG=fatal-warnings")

# the metrics model over a simulated running correlator (tests/unit/corr_sim.h)
add_executable(monitor_test_probe_model ${MA_MON_DIR}/test_probe_model.c)
target_link_libraries(monitor_test_probe_model PRIVATE ma_monitor m)
target_include_directories(monitor_test_probe_model PRIVATE ${PROJECT_SOURCE_DIR}/tools/mcast-audit
                           ${PROJECT_SOURCE_DIR}/tests/unit ${PROJECT_SOURCE_DIR}/core)
add_test(NAME monitor.test_probe_model COMMAND monitor_test_probe_model)
set_tests_properties(monitor.test_probe_model PROPERTIES ENVIRONMENT "G_DEBUG=fatal-warnings")

add_test(NAME monitor.probe_usage
         COMMAND python3 ${MA_MON_DIR}/probe_usage.py $<TARGET_FILE:mcast-audit>
                 ${PROJECT_SOURCE_DIR}/captures/hikvision-multicast-preview.pcap
                 ${PROJECT_SOURCE_DIR}/captures/multi-camera.pcap)

add_test(NAME monitor.probe_sighup
         COMMAND python3 ${MA_MON_DIR}/probe_sighup.py $<TARGET_FILE:mcast-audit>
                 ${PROJECT_SOURCE_DIR}/captures/burst-loss.pcap)
set_tests_properties(monitor.probe_sighup PROPERTIES TIMEOUT 60)

# root only (namespaces); 77 = skipped.  Not under the sanitizers: ASan's
# quarantine holds freed memory, and the test measures resident memory.
if(NOT MA_SANITIZE)
  add_test(NAME monitor.probe_idle
           COMMAND python3 ${MA_MON_DIR}/probe_idle.py $<TARGET_FILE:mcast-audit>
                   ${PROJECT_SOURCE_DIR}/captures/multi-camera.pcap)
  set_tests_properties(monitor.probe_idle PROPERTIES TIMEOUT 150 SKIP_RETURN_CODE 77)
endif()

if(MA_PROMTOOL)
  foreach(cap burst-loss hikvision-multicast-preview multi-camera)
    add_test(NAME monitor.probe_file.${cap}
             COMMAND python3 ${MA_MON_DIR}/probe_file.py $<TARGET_FILE:mcast-audit>
                     ${PROJECT_SOURCE_DIR}/captures/${cap}.pcap ${MA_PROMTOOL})
    set_tests_properties(monitor.probe_file.${cap} PROPERTIES TIMEOUT 60)
  endforeach()
  # static multicast (issue 16): the group-centric audit's families equal the JSON's groups
  foreach(cap static-multicast static-expiry)
    add_test(NAME monitor.probe_file.${cap}
             COMMAND python3 ${MA_MON_DIR}/probe_file.py $<TARGET_FILE:mcast-audit>
                     ${PROJECT_SOURCE_DIR}/captures/${cap}.pcap ${MA_PROMTOOL})
    set_tests_properties(monitor.probe_file.${cap} PROPERTIES TIMEOUT 60 ENVIRONMENT MA_EXPECT_GROUPS=1)
  endforeach()
  # described sessions (SAP, IPv4 and IPv6): described_track* and sap_* equal the JSON's
  foreach(cap sap-announced sap-announced-ipv6)
    add_test(NAME monitor.probe_file.${cap}
             COMMAND python3 ${MA_MON_DIR}/probe_file.py $<TARGET_FILE:mcast-audit>
                     ${PROJECT_SOURCE_DIR}/captures/${cap}.pcap ${MA_PROMTOOL})
    set_tests_properties(monitor.probe_file.${cap} PROPERTIES TIMEOUT 60 ENVIRONMENT MA_EXPECT_DESCRIBED=1)
  endforeach()
  set(MA_RULES_DIR ${PROJECT_SOURCE_DIR}/contrib/prometheus)
  add_test(NAME monitor.rules_check COMMAND ${MA_PROMTOOL} check rules ${MA_RULES_DIR}/mcast-audit.rules.yml)
  add_test(NAME monitor.rules_test COMMAND ${MA_PROMTOOL} test rules mcast-audit.rules.test.yml
           WORKING_DIRECTORY ${MA_RULES_DIR})
  # every metric the rules name is one the probe exports
  add_test(NAME monitor.rules_names
           COMMAND python3 ${MA_MON_DIR}/probe_file.py $<TARGET_FILE:mcast-audit>
                   ${PROJECT_SOURCE_DIR}/captures/jitter.pcap ${MA_PROMTOOL}
                   ${MA_RULES_DIR}/mcast-audit.rules.yml
                   ${PROJECT_SOURCE_DIR}/contrib/grafana/mcast-audit.json)
  find_program(MA_PROMETHEUS prometheus)
  if(MA_PROMETHEUS)
    # root only (namespaces); 77 = skipped
    add_test(NAME monitor.e2e_prometheus
             COMMAND python3 ${MA_MON_DIR}/e2e_prometheus.py $<TARGET_FILE:mcast-audit> ${MA_PROMETHEUS}
                     ${MA_RULES_DIR}/mcast-audit.rules.yml
                     ${PROJECT_SOURCE_DIR}/contrib/grafana/mcast-audit.json
                     ${PROJECT_SOURCE_DIR}/captures/hikvision-multicast-preview.pcap
                     ${PROJECT_SOURCE_DIR}/captures/static-multicast.pcap
                     ${PROJECT_SOURCE_DIR}/captures/burst-loss.pcap)
    set_tests_properties(monitor.e2e_prometheus PROPERTIES TIMEOUT 240 SKIP_RETURN_CODE 77)
  endif()
else()
  message(WARNING "promtool not found (Debian package prometheus): monitor tests skipped")
endif()
