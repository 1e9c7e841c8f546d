/* WAV files are read back from the job folder on resume, where anything may have
 * happened to them: the reader must refuse, never crash, on any bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "media/audio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/sc_fuzz_wav_%ld.wav", (long)getpid());
    sc_error err = {0};
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    size_t wrote = fwrite(data, 1, size, f);
    if (fclose(f) != 0 || wrote != size)
        return 0;
    sc_audio a = {0};
    if (sc_wav_read(path, &a, &err) == 0) {
        volatile float sink = 0;
        for (size_t i = 0; i < a.frames * (size_t)a.channels; i++)
            sink += a.samples[i];
        (void)sink;
        sc_audio_free(&a);
    }
    unlink(path);
    return 0;
}
