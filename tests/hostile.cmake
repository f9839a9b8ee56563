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
  # a fragment flood (100,000 bogus fragments in bursts inside genuine
  # datagrams) cannot push out the seed's stream sent as fragments
  add_test(NAME hostile.fragments
           COMMAND python3 ${MA_HOSTILE_DIR}/fragments.py $<TARGET_FILE:mcast-audit>
                   ${PROJECT_SOURCE_DIR}/captures/hikvision-multicast-preview.pcap)
  set_tests_properties(hostile.fragments PROPERTIES TIMEOUT 300)
endif()
# The corruption campaign's fixed-seed set (issue 8): 100 damaged copies of
# the shipped captures (editcap -E at four rates, truncations, both) through
# the sanitizer build's CLI; tests/hostile/campaign runs a large set.  The
# same 100 go through tshark with the plugin in plugin.corrupt.
set(MA_CORRUPT_SEED 8 CACHE STRING "seed of the corruption campaign's CTest set")
set(MA_CORRUPT_COUNT 100 CACHE STRING "variants in the corruption campaign's CTest set")
if(TARGET mcast-audit AND MA_SANITIZE)
  add_test(NAME hostile.corrupt
           COMMAND /usr/bin/python3 ${MA_HOSTILE_DIR}/corrupt.py run --seed ${MA_CORRUPT_SEED}
                   --count ${MA_CORRUPT_COUNT} $<TARGET_FILE:mcast-audit> ${PROJECT_SOURCE_DIR}/captures)
endif()
