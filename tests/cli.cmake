# SPDX-License-Identifier: GPL-2.0-or-later
# mcast-audit command line tests (issue 4).  Scripts need POSIX sh and
# python3 (stdlib only; .ci/install-deps installs python3).
set(MA_CLI_DIR ${PROJECT_SOURCE_DIR}/tests/cli)
set(MA_CAPTURES ${PROJECT_SOURCE_DIR}/captures)

# Renderers and option parsing, unit-tested without any capture.
foreach(name test_report test_options)
  add_executable(cli_${name} ${MA_CLI_DIR}/${name}.c)
  target_link_libraries(cli_${name} PRIVATE ma_report)
  # test_report checks the JSON writer's helpers (report_json_priv.h).
  target_include_directories(cli_${name} PRIVATE ${PROJECT_SOURCE_DIR}/tools/mcast-audit)
  add_test(NAME cli.${name} COMMAND cli_${name})
  set_tests_properties(cli.${name} PROPERTIES ENVIRONMENT "G_DEBUG=fatal-warnings")
endforeach()

# The documents the renderer unit test produces, checked against schemas/.
set(MA_CONTRACT_DIR ${CMAKE_CURRENT_BINARY_DIR}/contracts)
file(MAKE_DIRECTORY ${MA_CONTRACT_DIR})
add_test(NAME cli.test_report.render
         COMMAND ${CMAKE_COMMAND} -E env MA_CONTRACT_DIR=${MA_CONTRACT_DIR} $<TARGET_FILE:cli_test_report>)
set_tests_properties(cli.test_report.render PROPERTIES FIXTURES_SETUP ma_contracts)
add_test(NAME cli.test_report.contracts
         COMMAND sh -c "python3 ${MA_CLI_DIR}/contracts.py json ${MA_CONTRACT_DIR}/*.json && python3 ${MA_CLI_DIR}/contracts.py junit ${MA_CONTRACT_DIR}/*.xml")
set_tests_properties(cli.test_report.contracts PROPERTIES FIXTURES_REQUIRED ma_contracts)
add_test(NAME cli.usage COMMAND sh ${MA_CLI_DIR}/usage.sh $<TARGET_FILE:mcast-audit>)
add_test(NAME cli.bad_inputs COMMAND sh ${MA_CLI_DIR}/bad_inputs.sh $<TARGET_FILE:mcast-audit>)
add_test(NAME cli.truncated COMMAND python3 ${MA_CLI_DIR}/truncated.py $<TARGET_FILE:mcast-audit>
         ${MA_CAPTURES}/hikvision-multicast-preview.pcap)
# A gate that cannot pass by accident (issue 13): per-file audits, nothing to
# audit, --expect-group/--require-session, gzip input, --duration; every
# JSON/JUnit document checked against schemas/ (tests/cli/contracts.py).
add_test(NAME cli.gate COMMAND python3 ${MA_CLI_DIR}/gate.py $<TARGET_FILE:mcast-audit> ${MA_CAPTURES})
add_test(NAME cli.evidence COMMAND python3 ${MA_CLI_DIR}/evidence.py $<TARGET_FILE:mcast-audit> ${MA_CAPTURES})
add_test(NAME cli.clock_rate COMMAND python3 ${MA_CLI_DIR}/clock_rate.py $<TARGET_FILE:mcast-audit> ${MA_CAPTURES})
add_test(NAME cli.isb COMMAND python3 ${MA_CLI_DIR}/isb.py $<TARGET_FILE:mcast-audit> ${MA_CAPTURES})
add_test(NAME cli.man_page COMMAND python3 ${MA_CLI_DIR}/man_page.py $<TARGET_FILE:mcast-audit>
         ${MA_CAPTURES}/hikvision-multicast-preview.pcap)
add_test(NAME cli.seed_text COMMAND python3 ${MA_CLI_DIR}/seed_text.py $<TARGET_FILE:mcast-audit>
         ${MA_CAPTURES}/hikvision-multicast-preview.pcap)

# One test per generated capture that has a truth file.
file(GLOB MA_CLI_TRUTHS CONFIGURE_DEPENDS ${MA_CAPTURES}/*.expected.json)
foreach(truth ${MA_CLI_TRUTHS})
  get_filename_component(name ${truth} NAME)
  string(REPLACE ".expected.json" "" name ${name})
  foreach(ext pcap pcapng)
    if(EXISTS ${MA_CAPTURES}/${name}.${ext})
      add_test(NAME cli.capture.${name}
               COMMAND python3 ${MA_CLI_DIR}/capture_truth.py $<TARGET_FILE:mcast-audit>
                       ${MA_CAPTURES}/${name}.${ext} ${truth})
      break()
    endif()
  endforeach()
endforeach()

# No false media: UDP that is not media is counted, --list-udp lists it (issue 11).
add_test(NAME cli.list_udp COMMAND python3 ${MA_CLI_DIR}/list_udp.py $<TARGET_FILE:mcast-audit>
         ${MA_CAPTURES}/lan-no-media.pcap)
# IGMP/MLD messages the shipped captures lack (bad checksums, aux data, v1,
# MLDv1, source-specific queries): listed record by record as tshark decodes them
find_program(MA_TSHARK tshark)
if(MA_TSHARK)
  add_test(NAME cli.membership_records
           COMMAND python3 ${MA_CLI_DIR}/membership_records.py $<TARGET_FILE:mcast-audit> ${MA_TSHARK})
endif()
# The group-centric audit (issue 16): exact members, zap times and group
# verdicts on the captures without RTSP (zap times against tshark's frame times)
add_test(NAME cli.static_multicast
         COMMAND python3 ${MA_CLI_DIR}/static_multicast.py $<TARGET_FILE:mcast-audit> ${MA_CAPTURES}
                 ${MA_TSHARK})
# --sdp FILE (issue 16 item 3): described streams, their verdicts and the strict parser's errors
add_test(NAME cli.sdp_file
         COMMAND python3 ${MA_CLI_DIR}/sdp_file.py $<TARGET_FILE:mcast-audit> ${MA_CAPTURES})
# SAP announcements (issue 16 item 4): the described session, its repeats and deletion, against tshark
add_test(NAME cli.sap
         COMMAND python3 ${MA_CLI_DIR}/sap.py $<TARGET_FILE:mcast-audit> ${MA_CAPTURES} ${MA_TSHARK})
