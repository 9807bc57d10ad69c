# NeurathInstrument.cmake — neurath_instrument(), compiling a target with
# the Neurath pass plugin.
#
# Included by llvm-pass/CMakeLists.txt in the host world (which also defines
# NEURATH_PASS_PLUGIN). Another world (e.g. the freestanding target world) can
# include this file too, after setting NEURATH_PASS_PLUGIN to the plugin built
# by the host world. Compilers must be clang-16.
if(NOT NEURATH_PASS_PLUGIN)
    message(FATAL_ERROR "NeurathInstrument.cmake: set NEURATH_PASS_PLUGIN first")
endif()

# neurath_instrument(<target> [REPORT_DIR <dir>])
# Compiles every source of <target> with the pass (and -g, which the pass
# needs for names and types) and rebuilds them when the plugin changes. The
# limits report of each object goes to <dir> (default: next to the objects).
function(neurath_instrument target)
    cmake_parse_arguments(ARG "" "REPORT_DIR" "" ${ARGN})
    set(opts -g -fstandalone-debug -fpass-plugin=${NEURATH_PASS_PLUGIN})
    if(ARG_REPORT_DIR)
        file(MAKE_DIRECTORY ${ARG_REPORT_DIR})
        list(APPEND opts "SHELL:-Xclang -load -Xclang ${NEURATH_PASS_PLUGIN}"
                         "SHELL:-mllvm -lu-report-dir=${ARG_REPORT_DIR}")
    endif()
    target_compile_options(${target} PRIVATE ${opts})
    if(TARGET neurath_pass)
        add_dependencies(${target} neurath_pass)
    endif()
    # Rebuild the objects when the plugin changes (when this build makes it,
    # or it already exists: ninja needs a rule or a file).
    if(NOT TARGET neurath_pass AND NOT EXISTS ${NEURATH_PASS_PLUGIN})
        return()
    endif()
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    foreach(src ${sources})
        if(src MATCHES "^\\$<")
            continue()  # generator expressions: nothing to attach to
        endif()
        if(NOT IS_ABSOLUTE ${src})
            set(src ${source_dir}/${src})
        endif()
        set_property(SOURCE ${src} TARGET_DIRECTORY ${target} APPEND PROPERTY
            OBJECT_DEPENDS ${NEURATH_PASS_PLUGIN})
    endforeach()
endfunction()
