/* A stand-in for Windows' bcryptprimitives.dll, for tests run under Wine only (tests/windows/run).
 * Rust's standard library asks ProcessPrng for random numbers on Windows (its hash maps' keys,
 * among others); Wine 8 (Debian 12) and 6 (Ubuntu 22.04) do not have that DLL, so a test program
 * would not even start. This one fills the buffer from RtlGenRandom, which they have. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
