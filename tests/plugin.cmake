# SPDX-License-Identifier: GPL-2.0-or-later
# Plugin tests: tshark 4.0 loads build/<preset>/plugins/4.0/epan/mcast_audit.so
# from a private copy and runs as uid 65534 (see tests/plugin/lib.sh).
if(TARGET mcast_audit)
  set(MA_PLUGIN_TEST_ENV "")
  if(MA_SANITIZE)
    # The plugin is built with ASan/UBSan; tshark is not, so the runtimes
    # must be loaded first.  Leaks of tshark itself are not ours to judge.
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
                    OUTPUT_VARIABLE MA_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libubsan.so
                    OUTPUT_VARIABLE MA_LIBUBSAN OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(MA_PLUGIN_TEST_ENV
        "MA_TSHARK_PRELOAD=${MA_LIBASAN}:${MA_LIBUBSAN}"
        "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1"
        "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")
  endif()
  set(MA_SEED_CAPTURE ${PROJECT_SOURCE_DIR}/captures/hikvision-multicast-preview.pcap)
  add_test(NAME plugin.load
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/load.sh $<TARGET_FILE:mcast_audit>)
  add_test(NAME plugin.seed
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/seed.sh $<TARGET_FILE:mcast_audit> ${MA_SEED_CAPTURE})
  add_test(NAME plugin.table
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/table.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  add_test(NAME plugin.install_user
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/install_user.sh $<TARGET_FILE:mcast_audit> ${MA_SEED_CAPTURE})
  add_test(NAME plugin.hostile
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/hostile.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/tests/hostile)
  add_test(NAME plugin.live
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/live.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  add_test(NAME plugin.receivers
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/receivers.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  # SAP announcements (issue 16 item 4): announced flows decode as RTP
  add_test(NAME plugin.sap
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/sap.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  # the sdp_files preference (issue 16 item 3): described streams audited and decoded as RTP
  add_test(NAME plugin.sdp_files
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/sdp_files.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  add_test(NAME plugin.group
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/group.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  # -z mcast_audit rows of media flows without a session (issue 11): unicast RTP, raw MPEG-TS
  add_test(NAME plugin.unbound_flows
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/unbound_flows.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  # media no SETUP negotiated decodes as RTP once the core validated it (issue 16)
  add_test(NAME plugin.static_rtp
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/static_rtp.sh $<TARGET_FILE:mcast_audit>
                   $<TARGET_FILE:mcast-audit> ${PROJECT_SOURCE_DIR}/captures)
  # The per-frame answers' records (plugin/frames.c), built with the
  # plugin's headers and run without Wireshark.
  add_executable(test_plugin_frames ${PROJECT_SOURCE_DIR}/tests/plugin/test_frames.c
                 ${PROJECT_SOURCE_DIR}/plugin/frames.c)
  target_include_directories(test_plugin_frames PRIVATE ${PROJECT_SOURCE_DIR}/plugin)
  target_compile_definitions(test_plugin_frames PRIVATE HAVE_SSIZE_T)
  target_link_libraries(test_plugin_frames PRIVATE ma_core epan)
  add_test(NAME plugin.frames COMMAND test_plugin_frames)
  set_tests_properties(plugin.frames PROPERTIES ENVIRONMENT "G_DEBUG=fatal-warnings")
  # every frame's figures the same read back (a second pass) as when placed (one pass)
  add_test(NAME plugin.two_pass
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/two_pass.sh $<TARGET_FILE:mcast_audit>
                   ${PROJECT_SOURCE_DIR}/captures)
  set(MA_PLUGIN_TESTS plugin.two_pass plugin.load plugin.seed plugin.table plugin.install_user plugin.hostile
      plugin.live plugin.receivers plugin.sap plugin.sdp_files plugin.group plugin.unbound_flows
      plugin.static_rtp)
  if(MA_SANITIZE)
    # The corruption campaign's fixed-seed set (tests/hostile.cmake) through
    # tshark with the sanitizer build of the plugin.
    add_test(NAME plugin.corrupt
             COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/corrupt.sh $<TARGET_FILE:mcast_audit>
                     ${PROJECT_SOURCE_DIR}/tests/hostile/corrupt.py ${MA_CORRUPT_SEED} ${MA_CORRUPT_COUNT}
                     ${PROJECT_SOURCE_DIR}/captures)
    list(APPEND MA_PLUGIN_TESTS plugin.corrupt)
  endif()
  if(TARGET mcast-audit)
    add_test(NAME plugin.parity
             COMMAND bash ${PROJECT_SOURCE_DIR}/tests/plugin/parity.sh $<TARGET_FILE:mcast_audit>
                     $<TARGET_FILE:mcast-audit> ${PROJECT_SOURCE_DIR}/captures)
    list(APPEND MA_PLUGIN_TESTS plugin.parity)
  endif()
  # 77: the capture the test needs is not there (yet).
  set_tests_properties(${MA_PLUGIN_TESTS} PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "${MA_PLUGIN_TEST_ENV}")
endif()
