# Turns a text file into C: `cmake -DIN=file -DOUT=file.c -DNAME=sym -DHEADER=path.h -P embed_text.cmake`
# writes OUT defining `const char *NAME(void)` (the bytes of IN, NUL-terminated) and
# `size_t NAME_len(void)`, so the binary carries the file and needs no source tree.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR len "${digits} / 2")
# 0x.. for every byte, 16 to a line.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REPEAT "0x[0-9a-f][0-9a-f]," 16 sixteen) # CMake's regex has no {n}
string(REGEX REPLACE "(${sixteen})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUT}.tmp"
"/* Generated from ${IN} by cmake/embed_text.cmake at build time; do not edit. */
#include \"${HEADER}\"

static const unsigned char data[] = {
    ${bytes}0x00};

const char *${NAME}(void)
{
    return (const char *)data;
}

size_t ${NAME}_len(void)
{
    return ${len};
}
")
file(RENAME "${OUT}.tmp" "${OUT}")
