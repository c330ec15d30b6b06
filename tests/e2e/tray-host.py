#!/usr/bin/python3
"""A tray host for a test: what a desktop's panel does with the app's tray icon, on the session bus.

Xvfb has no panel, so nothing would show the tray or click its menu. This stands in for one: it
owns org.kde.StatusNotifierWatcher (where the app's tray icon, libayatana-appindicator,
registers), reads the registered item's properties and its menu (com.canonical.dbusmenu, the
menu a panel draws) and clicks menu items as a panel does. Run with Debian's python3 (python3-gi).

One JSON object per line on standard output; commands on standard input, one per line, each
starting with a number that its answer carries back as "answer" (a late answer is never taken
for the next one's):
  N menu        -> {"answer": N, "item": {properties}, "menu": [{"id", "label", "enabled", "visible",
                   "type", "toggle"}]}  (toggle: 1 checked, 0 not, -1 not a check item)
  N click LABEL -> {"answer": N, "clicked": LABEL}  (the first item whose label is LABEL)
  a failure     -> {"answer": N, "error": "..."}
Events: {"ready": true} once the watcher's name is owned; {"registered": "<bus name><path>"}.
Every property of the item is given, those that are not text or numbers (the tooltip, icon
pixmaps) as Python prints them, so that a test can look for a name in all of them.
"""

import json
import os
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

WATCHER_XML = """
<node>
  <interface name="org.kde.StatusNotifierWatcher">
    <method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
  </interface>
</node>
"""

bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
items = []  # (bus name, object path)


def say(obj):
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def on_call(conn, sender, path, iface, method, params, invocation):
    if method == "RegisterStatusNotifierItem":
        service = params.unpack()[0]
        # An object path (the caller's own name is the service) or a bus name.
        name, obj = (sender, service) if service.startswith("/") else (service, "/StatusNotifierItem")
        items.append((name, obj))
        invocation.return_value(None)
        conn.emit_signal(None, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher",
                         "StatusNotifierItemRegistered", GLib.Variant("(s)", (name + obj,)))
        say({"registered": name + obj})
    else:
        invocation.return_value(None)


def on_get(conn, sender, path, iface, prop):
    if prop == "RegisteredStatusNotifierItems":
        return GLib.Variant("as", [n + o for n, o in items])
    if prop == "IsStatusNotifierHostRegistered":
        return GLib.Variant("b", True)
    return GLib.Variant("i", 0)


def call(name, path, iface, method, args, reply):
    return bus.call_sync(name, path, iface, method, args, GLib.VariantType(reply) if reply else None,
                         Gio.DBusCallFlags.NONE, 5000, None)


def menu():
    if not items:
        raise LookupError("no tray item has registered")
    name, obj = items[-1]
    props = call(name, obj, "org.freedesktop.DBus.Properties", "GetAll",
                 GLib.Variant("(s)", ("org.kde.StatusNotifierItem",)), "(a{sv})").unpack()[0]
    _, layout = call(name, props["Menu"], "com.canonical.dbusmenu", "GetLayout",
                     GLib.Variant("(iias)", (0, -1, [])), "(u(ia{sv}av))").unpack()
    entries = []

    def walk(node):
        node_id, p, children = node
        if node_id != 0:
            entries.append({"id": node_id, "label": p.get("label", "").replace("_", ""),
                            "enabled": p.get("enabled", True), "visible": p.get("visible", True),
                            "type": p.get("type", "standard"), "toggle": p.get("toggle-state", -1)})
        for child in children:
            walk(child)

    walk(layout)
    shown = {k: v if isinstance(v, (str, int, bool)) else str(v) for k, v in props.items()}
    return {"item": shown, "menu": entries, "menu_path": props["Menu"]}


def command(line):
    number, _, line = line.strip().partition(" ")
    try:
        if line == "menu":
            say({"answer": number, **menu()})
        elif line.startswith("click "):
            label = line[len("click "):]
            m = menu()
            target = next((e for e in m["menu"] if e["label"] == label), None)
            if target is None:
                raise LookupError(f"no menu item {label!r}")
            name, _ = items[-1]
            call(name, m["menu_path"], "com.canonical.dbusmenu", "Event",
                 GLib.Variant("(isvu)", (target["id"], "clicked", GLib.Variant("i", 0), 0)), None)
            say({"answer": number, "clicked": label})
        else:
            say({"answer": number, "error": f"unknown command {line!r}"})
    except Exception as e:  # the test reads the reason; the host keeps running
        say({"answer": number, "error": str(e)})


pending = b""


def on_stdin(source, condition):
    # Read what is there, unbuffered: a line left in a reader's buffer would wake no watch.
    global pending
    chunk = os.read(sys.stdin.fileno(), 65536)
    if not chunk:
        loop.quit()
        return False
    pending += chunk
    while b"\n" in pending:
        line, pending = pending.split(b"\n", 1)
        command(line.decode())
    return True


node = Gio.DBusNodeInfo.new_for_xml(WATCHER_XML)
bus.register_object("/StatusNotifierWatcher", node.interfaces[0], on_call, on_get, None)
Gio.bus_own_name_on_connection(bus, "org.kde.StatusNotifierWatcher", Gio.BusNameOwnerFlags.NONE,
                               lambda *_: say({"ready": True}), lambda *_: say({"error": "the name is taken"}))
loop = GLib.MainLoop()
GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_stdin)
loop.run()
