# lit.cfg.py — lit configuration of the pass tests.
#
# Substitutions for RUN lines:
#   %clang, %clangxx  clang-16 with the plugin loaded (-fpass-plugin, and
#                     -Xclang -load so -mllvm -lu-* options parse) and -g
#   %clang_plain      clang-16 without the plugin
#   %opt_lu           opt-16 with the plugin loaded (-load-pass-plugin)
#   %dump_runtime     compiles Inputs/dump_runtime.c to the object given after it
#   FileCheck         Debian's FileCheck-16
import os

import lit.formats

config.name = "neurath-pass"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".ll"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = config.neurath_source_dir
config.test_exec_root = config.neurath_exec_root

plugin = config.neurath_plugin
load = f"-fpass-plugin={plugin} -Xclang -load -Xclang {plugin}"
include = f"-I{config.neurath_metadata_include}"
config.substitutions.append(("%clang_plain", f"{config.neurath_clang} {include}"))
config.substitutions.append(
    ("%clangxx", f"{config.neurath_clangxx} -g -fstandalone-debug {load}"))
config.substitutions.append(
    ("%clang", f"{config.neurath_clang} -g -fstandalone-debug {load}"))
config.substitutions.append(
    ("%opt_lu", f"{config.neurath_opt} -load-pass-plugin={plugin}"))
config.substitutions.append(
    ("%dump_runtime",
     f"{config.neurath_clang} {include} -c "
     f"{os.path.join(config.neurath_source_dir, 'Inputs', 'dump_runtime.c')} -o"))
config.substitutions.append(("FileCheck", config.neurath_filecheck))
config.environment.pop("NEURATH_LU_REPORT_DIR", None)
