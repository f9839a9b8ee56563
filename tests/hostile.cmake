# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input (issue 8): committed regression captures through the CLI;
# the plugin's side is in plugin.cmake (plugin.hostile).
set(MA_HOSTILE_DIR ${PROJECT_SOURCE_DIR}/tests/hostile)
if(TARGET mcast-audit)
  add_test(NAME hostile.regressions
           COMMAND python3 ${MA_HOSTILE_DIR}/regressions.py $<TARGET_FILE:mcast-audit> ${MA_HOSTILE_DIR})
  add_test(NAME hostile.decode_events
           COMMAND python3 ${MA_HOSTILE_DIR}/decode_events.py $<TARGET_FILE:mcast-audit>)
endif()
