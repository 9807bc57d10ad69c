# target.cmake — the freestanding world: kernel, runtime, servers, programs, boot image.
# Included by the top-level CMakeLists.txt when NEURATH_TARGET=ON.
set(CMAKE_C_STANDARD 11)
add_compile_options(${NEURATH_WARNINGS} -O2 -g)

# Where the boot-image builder picks up executables: every server and program
# installs itself here with neurath_boot_file().
set(NEURATH_SYSROOT ${CMAKE_BINARY_DIR}/sysroot)
file(MAKE_DIRECTORY ${NEURATH_SYSROOT})
set_property(GLOBAL PROPERTY NEURATH_BOOT_FILES "")
set_property(GLOBAL PROPERTY NEURATH_BOOT_TARGETS "")

# neurath_boot_file(<target> <path-in-image>): place a built executable in the boot image.
function(neurath_boot_file target image_path)
    set_property(GLOBAL APPEND PROPERTY NEURATH_BOOT_FILES "$<TARGET_FILE:${target}>=${image_path}")
    set_property(GLOBAL APPEND PROPERTY NEURATH_BOOT_TARGETS ${target})
endfunction()

# neurath_boot_data(<source-file> <path-in-image>): place a source-tree data file in the boot image.
function(neurath_boot_data source image_path)
    get_filename_component(absolute ${source} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    set_property(GLOBAL APPEND PROPERTY NEURATH_BOOT_FILES "${absolute}=${image_path}")
endfunction()

# neurath_program_version(): next versions of programs and servers from patches.
include(${CMAKE_CURRENT_LIST_DIR}/versions.cmake)

neurath_add_component(kernel)
neurath_add_component(libsys)
neurath_add_component(servers)
neurath_add_component(programs)
neurath_add_component(boot)
