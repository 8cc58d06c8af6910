// Every string a person sees, in zh-CN and en. Keys are stable; core message keys
// (scan.*) and error codes map here so no screen shows a raw code alone.
export type Locale = 'zh-CN' | 'en';

const STRINGS = {
  'app.title': { 'zh-CN': 'qrpos 收银台', en: 'qrpos checkout' },
  'lang.switch': { 'zh-CN': 'English', en: '中文' },
  'amount.title': { 'zh-CN': '请输入收款金额', en: 'Enter the amount' },
  'amount.collect': { 'zh-CN': '收款', en: 'Collect' },
  'amount.clear': { 'zh-CN': '清除', en: 'Clear' },
  'amount.delete': { 'zh-CN': '退格', en: 'Delete' },
  'scan.title': { 'zh-CN': '请出示付款码', en: 'Please show your payment code' },
  'scan.hint': {
    'zh-CN': '将手机付款码对准摄像头，或用扫码枪扫描',
    en: 'Hold the payment code to the camera, or scan it with the scanner',
  },
  'scan.manual': { 'zh-CN': '手动输入付款码', en: 'Type the payment code' },
  'scan.pay': { 'zh-CN': '确认收款', en: 'Pay' },
  'scan.cancel': { 'zh-CN': '取消', en: 'Cancel' },
  'scan.merchant_code': {
    'zh-CN': '这是商户收款码，请出示您的付款码',
    en: "This is a merchant's code — please show your payment code",
  },
  'scan.unknown': {
    'zh-CN': '无法识别的付款码，请刷新付款码后重试',
    en: 'Not a payment code we know — refresh the payment code and try again',
  },
  'scan.receipt': {
    'zh-CN': '这是交易凭证码，可用于查询或退款；收款请出示付款码',
    en: 'This is a receipt code, for lookup or refund; to pay, show a payment code',
  },
  'scan.enter_amount_first': { 'zh-CN': '请先输入金额', en: 'Enter the amount first' },
  'camera.no_camera': {
    'zh-CN': '未找到摄像头：请使用扫码枪或手动输入付款码',
    en: 'No camera found: use the scanner or type the code',
  },
  'camera.permission_denied': {
    'zh-CN': '摄像头权限被拒绝：请在浏览器设置中允许，或使用扫码枪',
    en: 'Camera permission denied: allow it in the browser settings, or use the scanner',
  },
  'camera.camera_in_use': {
    'zh-CN': '摄像头被其他程序占用：请关闭该程序，或使用扫码枪',
    en: 'The camera is in use by another app: close it, or use the scanner',
  },
  'camera.camera_failed': {
    'zh-CN': '摄像头无法启动：请使用扫码枪或手动输入',
    en: 'The camera did not start: use the scanner or type the code',
  },
  'processing.title': { 'zh-CN': '正在收款…', en: 'Processing payment…' },
  'processing.hint': { 'zh-CN': '请稍候，不要离开', en: 'Please wait' },
  'paid.title': { 'zh-CN': '收款成功', en: 'Paid' },
  'paid.scheme': { 'zh-CN': '支付方式', en: 'Paid with' },
  'paid.code': { 'zh-CN': '付款码', en: 'Payment code' },
  'paid.time': { 'zh-CN': '时间', en: 'Time' },
  'paid.order': { 'zh-CN': '商户订单号', en: 'Order no.' },
  'paid.transaction': { 'zh-CN': '交易流水号', en: 'Transaction' },
  'paid.next': { 'zh-CN': '下一笔', en: 'Next sale' },
  'declined.title': { 'zh-CN': '收款失败', en: 'Payment declined' },
  'declined.retry': { 'zh-CN': '重新扫码', en: 'Scan again' },
  'declined.new': { 'zh-CN': '新交易', en: 'New sale' },
  'unknown.title': { 'zh-CN': '支付结果未知', en: 'Payment outcome unknown' },
  'unknown.hint': {
    'zh-CN': '顾客可能已付款。请勿重新收款，点击"再次确认"查询结果。',
    en: 'The customer may have paid. Do not charge again: press "Check again".',
  },
  'unknown.check': { 'zh-CN': '再次确认', en: 'Check again' },
  'setup.title': { 'zh-CN': '终端未激活', en: 'Terminal not activated' },
  'setup.hint': {
    'zh-CN': '无法获取终端配置。请确认收单服务已启动（npm start），然后刷新页面。',
    en: 'Could not load the terminal set-up. Make sure the acquirer is running (npm start), then reload.',
  },
  'scheme.wechat': { 'zh-CN': '微信支付', en: 'WeChat Pay' },
  'scheme.alipay': { 'zh-CN': '支付宝', en: 'Alipay' },
  'scheme.unionpay': { 'zh-CN': '云闪付', en: 'UnionPay' },
  'scheme.ecny': { 'zh-CN': '数字人民币', en: 'e-CNY' },
  'scheme.emv_cpm': { 'zh-CN': '银行卡付款码', en: 'Card payment code' },
  'error.invalid_amount': { 'zh-CN': '金额无效，请重新输入', en: 'That amount is not valid: enter it again' },
  'error.amount_too_large': { 'zh-CN': '金额超出上限', en: 'The amount is above the limit' },
  'error.auth_code_used': {
    'zh-CN': '该付款码已使用，请顾客刷新付款码',
    en: 'This payment code was already used: ask the customer to refresh it',
  },
  'error.unknown_terminal': {
    'zh-CN': '终端未在收单方注册，请联系管理员',
    en: 'This terminal is not registered with the acquirer: contact your administrator',
  },
  'error.bad_signature': {
    'zh-CN': '签名校验失败，请联系管理员',
    en: 'Signature check failed: contact your administrator',
  },
  'error.stale_timestamp': {
    'zh-CN': '终端时间不正确，请校准时间',
    en: "The terminal's clock is wrong: correct the time",
  },
  'error.insufficient_funds': {
    'zh-CN': '余额不足，请顾客更换付款方式后重新出示付款码',
    en: 'Insufficient funds: ask the customer to switch payment method and show a new code',
  },
  'error.auth_code_expired': {
    'zh-CN': '付款码已过期，请顾客刷新付款码',
    en: 'The payment code expired: ask the customer to refresh it',
  },
  'error.auth_code_invalid': {
    'zh-CN': '付款码无效，请顾客刷新付款码',
    en: 'The payment code is not valid: ask the customer to refresh it',
  },
  'error.card_not_supported': {
    'zh-CN': '不支持该银行卡，请顾客更换付款方式',
    en: 'This card is not supported: ask the customer to switch payment method',
  },
  'error.risk_declined': {
    'zh-CN': '支付被拒绝，请顾客更换付款方式或联系其钱包客服',
    en: "Declined by the wallet: ask the customer to use another method or contact their wallet's support",
  },
  'error.payment_failed': {
    'zh-CN': '支付失败，顾客未被扣款，请重新扫码',
    en: 'The payment failed and the customer was not charged: scan again',
  },
  'error.other': {
    'zh-CN': '收款失败，请重试或联系管理员',
    en: 'The payment failed: try again or contact your administrator',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, locale: Locale): string {
  return STRINGS[key][locale];
}

/** A key from outside (core message key, error code) if we have it, else the fallback. */
export function tAny(key: string, locale: Locale, fallback: StringKey): string {
  return key in STRINGS ? STRINGS[key as StringKey][locale] : STRINGS[fallback][locale];
}
