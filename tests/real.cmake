# Captures recorded from real software (captures/real/, made by captures/lab/record.sh):
# the CLI against tshark and the forwarder's truth, the plugin against the CLI.
set(MA_REAL ${PROJECT_SOURCE_DIR}/captures/real)
file(GLOB MA_REAL_EXPECTED CONFIGURE_DEPENDS ${MA_REAL}/*.expected.json)
foreach(truth ${MA_REAL_EXPECTED})
  get_filename_component(name ${truth} NAME)
  string(REPLACE ".expected.json" "" name ${name})
  foreach(ext pcap pcapng)
    if(EXISTS ${MA_REAL}/${name}.${ext})
      add_test(NAME real.cli.${name}
               COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/real/agree.py $<TARGET_FILE:mcast-audit>
                       ${MA_REAL}/${name}.${ext} ${truth})
      break()
    endif()
  endforeach()
endforeach()
if(TARGET mcast_audit AND TARGET mcast-audit)
  add_test(NAME real.plugin.parity
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/parity.sh $<TARGET_FILE:mcast_audit>
                   $<TARGET_FILE:mcast-audit> ${MA_REAL})
  set_tests_properties(real.plugin.parity PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "${MA_PLUGIN_TEST_ENV}")
endif()
