// wasm/bind_emv_mpm.cpp: EMVCo merchant-presented QR payloads.

export interface EmvMpmFunctions {}
