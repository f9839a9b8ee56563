/* SPDX-License-Identifier: GPL-2.0-or-later */
/* plugin.c - the symbols Wireshark's plugin loader looks for: the four of
 * every release, and plugin_describe where the release reads it. */
#include "ma_plugin.h"
#include "ws_compat.h"

#include <ws_symbol_export.h>
#include <ws_version.h>

#include "ma_version.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = MA_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
MA_WS_PLUGIN_DESCRIBE()

void plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_mcast_audit;
    plug.register_handoff = proto_reg_handoff_mcast_audit;
    proto_register_plugin(&plug);
}
