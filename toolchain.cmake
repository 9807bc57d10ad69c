# toolchain.cmake — cross toolchain for Neurath's freestanding x86_64 target
# (kernel, servers, user programs). clang-16 compiles; ld.lld-16 is called
# directly because the clang driver would route through the host linker.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER clang-16)
set(CMAKE_CXX_COMPILER clang++-16)
set(CMAKE_ASM_COMPILER clang-16)
set(CMAKE_AR llvm-ar-16)
set(CMAKE_RANLIB llvm-ranlib-16)
set(CMAKE_LINKER ld.lld-16)
set(CMAKE_C_COMPILER_TARGET x86_64-unknown-none-elf)
set(CMAKE_CXX_COMPILER_TARGET x86_64-unknown-none-elf)
set(CMAKE_ASM_COMPILER_TARGET x86_64-unknown-none-elf)

# Compiler checks would try to link a hosted program; a static library is enough.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(NEURATH_FREESTANDING_FLAGS
    "-ffreestanding -nostdlibinc -fno-exceptions -fno-rtti -fno-stack-protector -fno-pic -fno-pie -mno-red-zone -fno-builtin -fno-threadsafe-statics")
set(CMAKE_C_FLAGS_INIT "${NEURATH_FREESTANDING_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${NEURATH_FREESTANDING_FLAGS} -fno-use-cxa-atexit")
set(CMAKE_ASM_FLAGS_INIT "-fno-pic")

set(CMAKE_C_LINK_EXECUTABLE "<CMAKE_LINKER> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")
set(CMAKE_CXX_LINK_EXECUTABLE "<CMAKE_LINKER> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static -z max-page-size=0x1000")
