# SPDX-License-Identifier: GPL-2.0-or-later
# Probes of the Wireshark API this plugin is built against.  Each result is a
# compile definition that only plugin/ws_compat.h reads, so the version
# differences live in one header and follow the headers actually found
# (a distribution's backport or an unlisted version such as 4.2 included),
# not a table of version numbers.
include(CheckCSourceCompiles)
include(CMakePushCheckState)

cmake_push_check_state(RESET)
set(CMAKE_REQUIRED_LIBRARIES epan)
set(CMAKE_REQUIRED_DEFINITIONS -DHAVE_SSIZE_T)
set(CMAKE_REQUIRED_QUIET ON)

# 4.2 on: field_info.value is an fvalue_t *, not an embedded fvalue_t.
check_c_source_compiles([[
#include <epan/proto.h>
_Static_assert(__builtin_types_compatible_p(__typeof__(((field_info *)0)->value), fvalue_t *), "pointer");
int main(void) { return 0; }
]] MA_WS_FIELD_VALUE_IS_POINTER)

# 4.4 on: rtp_dyn_payload_insert(map, pt, name, rate, channels).
check_c_source_compiles([[
#include <epan/packet.h>
#include <epan/dissectors/packet-rtp.h>
int main(void)
{
    rtp_dyn_payload_t *m = rtp_dyn_payload_new();
    rtp_dyn_payload_insert(m, 96, "H264", 90000, 1);
    rtp_dyn_payload_free(m);
    return 0;
}
]] MA_WS_DYN_PAYLOAD_HAS_CHANNELS)

# 4.6 on: stat_tap_ui.tap_init_cb returns bool.
check_c_source_compiles([[
#include <stdbool.h>
#include <epan/stat_tap_ui.h>
_Static_assert(__builtin_types_compatible_p(__typeof__(((stat_tap_ui *)0)->tap_init_cb),
                                            bool (*)(const char *, void *)), "bool");
int main(void) { return 0; }
]] MA_WS_TAP_INIT_RETURNS_BOOL)

# 4.2 on: plugin_describe() tells the loader the plugin's type; wsutil/plugins.h
# is not installed before.
check_c_source_compiles([[
#include <stdint.h>
#include <wsutil/plugins.h>
int main(void) { uint32_t d = WS_PLUGIN_DESC_DISSECTOR; return (int)(d & 0); }
]] MA_WS_HAVE_PLUGIN_DESCRIBE)
cmake_pop_check_state()

foreach(probe MA_WS_FIELD_VALUE_IS_POINTER MA_WS_DYN_PAYLOAD_HAS_CHANNELS MA_WS_TAP_INIT_RETURNS_BOOL
              MA_WS_HAVE_PLUGIN_DESCRIBE)
  if(${probe})
    list(APPEND MA_WS_API_DEFINITIONS ${probe})
  endif()
endforeach()
message(STATUS "Wireshark ${Wireshark_VERSION} API: ${MA_WS_API_DEFINITIONS}")
