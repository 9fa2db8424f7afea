# Every dependency comes from a Debian package; deploy/install-deps installs what is missing.
find_package(PkgConfig REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(tl-expected REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(GTest REQUIRED)
if(TANDEM_BENCH)
  find_package(benchmark REQUIRED)
endif()

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
# Debian builds cpp-httplib as a shared library with OpenSSL, zlib and brotli support; its
# pkg-config file carries the matching CPPHTTPLIB_* definitions.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)

# SQLCipher declares sqlite3_key only when SQLITE_HAS_CODEC is defined.
set_property(TARGET PkgConfig::SQLCIPHER APPEND PROPERTY
             INTERFACE_COMPILE_DEFINITIONS SQLITE_HAS_CODEC)

# Glob helper: a module's sources are every .cc under its folder except its tools' mains.
function(tandem_module_sources out dir)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${dir}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "/(main|.*_fuzz)\\.cc$")
  set(${out} ${srcs} PARENT_SCOPE)
endfunction()

# A libFuzzer target over one module (clang, -DTANDEM_FUZZ=ON); see docs/fuzzing.md.
function(tandem_fuzz_target name source module_target)
  if(NOT TANDEM_FUZZ)
    return()
  endif()
  target_compile_options(${module_target} PRIVATE -fsanitize=fuzzer-no-link)
  add_executable(${name} ${source})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE ${module_target})
endfunction()
