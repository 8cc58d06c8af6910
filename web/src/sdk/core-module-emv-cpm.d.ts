// wasm/bind_emv_cpm.cpp: EMVCo consumer-presented QR payloads.

export interface EmvCpmFunctions {}
