# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input (issue 8): committed regression captures through the CLI;
# the plugin's side is in plugin.cmake (plugin.hostile).
set(MA_HOSTILE_DIR ${PROJECT_SOURCE_DIR}/tests/hostile)
if(TARGET mcast-audit)
  add_test(NAME hostile.regressions
           COMMAND python3 ${MA_HOSTILE_DIR}/regressions.py $<TARGET_FILE:mcast-audit> ${MA_HOSTILE_DIR})
  add_test(NAME hostile.decode_events
           COMMAND python3 ${MA_HOSTILE_DIR}/decode_events.py $<TARGET_FILE:mcast-audit>)
  # floods cannot hide the genuine session; the 64 MiB bound is not
  # measured under the sanitizers (their shadow memory is not the audit's)
  if(MA_SANITIZE)
    set(MA_FLOOD_MEMORY --no-memory)
  endif()
  add_test(NAME hostile.floods
           COMMAND python3 ${MA_HOSTILE_DIR}/floods.py $<TARGET_FILE:mcast-audit>
                   ${PROJECT_SOURCE_DIR}/captures/hikvision-multicast-preview.pcap ${MA_FLOOD_MEMORY})
  set_tests_properties(hostile.floods PROPERTIES TIMEOUT 900)
endif()
