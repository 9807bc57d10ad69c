# host.cmake — the host world: unit tests, LLVM pass, host runtime and tools,
# plus the target world as an external project configured with toolchain.cmake.
include(ExternalProject)
enable_testing()

ExternalProject_Add(neurath_target
    SOURCE_DIR ${CMAKE_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/target
    CMAKE_ARGS
        -DNEURATH_TARGET=ON
        -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/toolchain.cmake
        -DCMAKE_BUILD_TYPE=RelWithDebInfo
        -G ${CMAKE_GENERATOR}
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)

neurath_add_component(llvm-pass)
neurath_add_component(libupdate)
neurath_add_component(tools)
neurath_add_component(tests)
