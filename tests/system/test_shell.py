"""test_shell.py — the shell as a user types into it: help, files through vfs, errors.

Every command runs on a freshly booted machine; each test checks what the user
would see and what the file system holds afterwards."""

SERVERS = ("rs", "pm", "vfs", "ds", "tty")


def test_help_lists_builtins_and_programs(neurath):
    text = neurath.run_command("help")
    for command in ("echo", "cat", "ls", "mkdir", "rm", "mv", "ps", "kill", "uptime",
                    "poweroff", "service", "update", "updates", "crash", "msgfuzz", "stallfuzz", "ipcstress",
                    "denied", "kvd", "kvd.v2", "kvload", "hammer"):
        assert f"  {command} " in text, f"help does not mention {command}"


def test_ps_lists_every_server_and_the_shell(neurath):
    lines = neurath.run_command("ps").splitlines()
    names = {line.split()[-1] for line in lines[1:] if line.strip()}
    assert set(SERVERS) | {"sh"} <= names
    endpoints = {line.split()[-1]: int(line.split()[1]) for line in lines[1:] if line.strip()}
    assert endpoints["rs"] == 1 and endpoints["pm"] == 2 and endpoints["vfs"] == 3
    assert endpoints["ds"] == 4 and endpoints["tty"] == 5


def test_file_write_append_read_round_trip(neurath):
    assert neurath.run_command("echo first line > /notes.txt") == ""
    assert neurath.run_command("echo second line >> /notes.txt") == ""
    assert neurath.run_command("cat /notes.txt") == "first line\nsecond line\n"
    assert neurath.run_command("echo replaced > /notes.txt") == ""
    assert neurath.run_command("cat /notes.txt") == "replaced\n"


def test_mkdir_rename_unlink_round_trip(neurath):
    neurath.run_command("mkdir /projects")
    neurath.run_command("echo data > /projects/a.txt")
    assert "a.txt" in neurath.run_command("ls /projects").split()
    assert neurath.run_command("mv /projects/a.txt /projects/b.txt") == ""
    listing = neurath.run_command("ls /projects").split()
    assert "b.txt" in listing and "a.txt" not in listing
    assert neurath.run_command("cat /projects/b.txt") == "data\n"
    neurath.run_command("mv /projects /moved")
    assert "projects/" not in neurath.run_command("ls /").split()
    assert neurath.run_command("cat /moved/b.txt") == "data\n"
    assert neurath.run_command("rm /moved/b.txt") == ""
    assert "No such" in neurath.run_command("cat /moved/b.txt") or \
        "no such" in neurath.run_command("cat /moved/b.txt")
    assert neurath.run_command("ls /moved").strip() == ""


def test_file_errors_are_one_line_and_change_nothing(neurath):
    missing = neurath.run_command("cat /does/not/exist")
    assert "no such file or directory" in missing and len(missing.splitlines()) == 1
    neurath.run_command("mkdir /d")
    neurath.run_command("echo x > /d/f")
    not_empty = neurath.run_command("rm /d")
    assert "directory not empty" in not_empty
    assert neurath.run_command("cat /d/f") == "x\n"
    assert "already exists" in neurath.run_command("mkdir /d")
    into_self = neurath.run_command("mv /d /d/inner")
    assert into_self.strip() != "" and "d/" in neurath.run_command("ls /").split()


def test_boot_image_files_are_visible(neurath):
    assert set(SERVERS) <= set(neurath.run_command("ls /sbin").split())
    assert "system.conf" in neurath.run_command("ls /etc").split()
    assert "sh" in neurath.run_command("ls /bin").split()


def test_unknown_commands_and_bad_arguments_get_one_line_errors(neurath):
    unknown = neurath.run_command("frobnicate now")
    assert "command not found" in unknown and len(unknown.splitlines()) == 1
    for bad in ("kill", "kill notanumber", "mv onlyone", "cat", "service frob"):
        reply = neurath.run_command(bad)
        assert len(reply.strip().splitlines()) == 1, f"{bad!r} printed {reply!r}"


def test_shell_survives_hostile_input(neurath):
    neurath.run_command("")
    neurath.run_command("   ")
    neurath.run_command("echo " + "x" * 600)
    neurath.run_command("echo 'unterminated quote")
    neurath.run_command("> > >> <")
    assert "sh" in neurath.run_command("ps")
    assert neurath.run_command("echo still alive") == "still alive\n"


def test_line_editing_backspace_and_kill_line(neurath):
    neurath.send_raw("echo helXX\x7f\x7flo\r")
    assert neurath.expect("neurath$ ").endswith("hello\nneurath$ ")
    neurath.send_raw("echo garbage\x15echo clean\r")
    assert "clean\n" in neurath.expect("neurath$ ")
