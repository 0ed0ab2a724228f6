# Write a C source holding a file's bytes as a NUL-terminated array, so data
# (presets, report templates) ships inside the binary and never depends on
# the current directory:
#   cmake -DINPUT=file -DOUTPUT=file.c -DNAME=symbol -P embed.cmake
# defines `const char symbol[]` (the bytes, then a NUL) and
# `const size_t symbol_len` (the bytes, without the NUL).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR len "${digits} / 2")
# 0xAB, per byte; a line break after every 24 bytes keeps the file readable
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){24})" "\\1\n    " bytes "${bytes}")
get_filename_component(base "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
  "/* generated from ${base} by engine/presets/embed.cmake: do not edit */\n"
  "#include <stddef.h>\n"
  "extern const char ${NAME}[];\n"
  "extern const size_t ${NAME}_len;\n"
  "const char ${NAME}[] = {\n    ${bytes}0};\n"
  "const size_t ${NAME}_len = ${len};\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
