// Every string a person sees, in zh-CN and en. Keys are stable; core message keys
// (scan.*) and error codes map here so no screen shows a raw code alone.
import { PRINTER_MESSAGES, type PrinterProblem } from '../sdk/printer-status';

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
  'nav.today': { 'zh-CN': '今日交易', en: 'Today' },
  'nav.refund': { 'zh-CN': '退款', en: 'Refund' },
  'nav.settings': { 'zh-CN': '设置', en: 'Settings' },
  'nav.back': { 'zh-CN': '返回', en: 'Back' },
  'amount.show_qr': { 'zh-CN': '顾客扫码支付', en: 'Customer scans QR' },
  'amount.order': { 'zh-CN': '订单', en: 'Order' },
  'embedded.idle': { 'zh-CN': '等待下单…', en: 'Waiting for an order…' },
  'scan.more_time': { 'zh-CN': '延长时间', en: 'More time' },
  'scan.time_left': { 'zh-CN': '剩余 {s} 秒', en: '{s} s left' },
  'scan.camera': { 'zh-CN': '摄像头', en: 'Camera' },
  'scan.torch': { 'zh-CN': '补光灯', en: 'Light' },
  'scan.read': { 'zh-CN': '已识别', en: 'Code read' },
  'camera.camera_lost': {
    'zh-CN': '摄像头已断开：请检查连接，或使用扫码枪',
    en: 'The camera was disconnected: check it, or use the scanner',
  },
  'camera.retry': { 'zh-CN': '重试摄像头', en: 'Retry camera' },
  'user_confirming.title': { 'zh-CN': '请顾客在手机上确认付款', en: 'Customer is confirming on the phone' },
  'user_confirming.hint': {
    'zh-CN': '顾客可能需要输入支付密码，请稍候',
    en: 'The customer may need to enter their payment password: please wait',
  },
  'checking.title': { 'zh-CN': '正在确认支付结果…', en: 'Checking the payment outcome…' },
  'checking.hint': {
    'zh-CN': '网络或收单方未及时应答。顾客可能已付款：请勿重新收款，系统正在自动查询。',
    en: 'The network or acquirer did not answer in time. The customer may have paid: do not charge again, the terminal is checking.',
  },
  'cancelling.title': { 'zh-CN': '正在撤销交易…', en: 'Cancelling the payment…' },
  'cancelling.hint': {
    'zh-CN': '如顾客已扣款，将自动退回',
    en: 'If the customer was charged, the money goes back automatically',
  },
  'session.cancel': { 'zh-CN': '取消交易', en: 'Cancel payment' },
  'cancelled.title': { 'zh-CN': '交易已撤销', en: 'Payment cancelled' },
  'cancelled.hint': {
    'zh-CN': '顾客未被扣款（或已全额退回）',
    en: 'The customer was not charged (or was refunded in full)',
  },
  'expired.title': { 'zh-CN': '订单已过期', en: 'Order expired' },
  'expired.hint': {
    'zh-CN': '顾客未在时限内付款，订单已关闭',
    en: 'The customer did not pay in time; the order is closed',
  },
  'show_qr.title': { 'zh-CN': '请顾客扫码支付', en: 'Scan to pay' },
  'show_qr.hint': {
    'zh-CN': '使用微信、支付宝或云闪付扫描二维码',
    en: 'Scan the code with WeChat, Alipay or UnionPay',
  },
  'show_qr.label': { 'zh-CN': '付款二维码', en: 'Payment QR code' },
  'show_qr.expires': { 'zh-CN': '{s} 秒后过期', en: 'Expires in {s} s' },
  'refunded.title': { 'zh-CN': '退款成功', en: 'Refunded' },
  'refund_pending.title': { 'zh-CN': '退款处理中', en: 'Refund processing' },
  'refund_pending.hint': {
    'zh-CN': '收单方已受理，款项将原路退回',
    en: 'The acquirer accepted it; the money goes back to the original method',
  },
  'refund_failed.title': { 'zh-CN': '退款失败', en: 'Refund failed' },
  'paid.receipt': { 'zh-CN': '交易凭证', en: 'Receipt' },
  'paid.merchant': { 'zh-CN': '商户', en: 'Merchant' },
  'paid.terminal': { 'zh-CN': '终端', en: 'Terminal' },
  'paid.receipt_code': { 'zh-CN': '扫码可查询或退款', en: 'Scan to look up or refund' },
  'paid.print': { 'zh-CN': '打印凭证', en: 'Print receipt' },
  'activate.title': { 'zh-CN': '激活终端', en: 'Activate this terminal' },
  'activate.hint': {
    'zh-CN': '输入或扫描收单方提供的 12 位激活码，并设置管理员密码',
    en: 'Type or scan the 12-digit activation code from your acquirer, and set an admin PIN',
  },
  'activate.code': { 'zh-CN': '激活码', en: 'Activation code' },
  'activate.pin': { 'zh-CN': '管理员密码（4-8 位数字）', en: 'Admin PIN (4-8 digits)' },
  'activate.pin_again': { 'zh-CN': '再次输入密码', en: 'PIN again' },
  'activate.submit': { 'zh-CN': '激活', en: 'Activate' },
  'activate.working': { 'zh-CN': '正在激活…', en: 'Activating…' },
  'activate.demo': { 'zh-CN': '演示环境：正在自动激活…', en: 'Sandbox: activating itself…' },
  'activate.pin_mismatch': { 'zh-CN': '两次输入的密码不一致', en: 'The two PINs differ' },
  'activate.pin_invalid': { 'zh-CN': '密码须为 4-8 位数字', en: 'The PIN must be 4 to 8 digits' },
  'pin.title': { 'zh-CN': '请输入管理员密码', en: 'Enter the admin PIN' },
  'pin.ok': { 'zh-CN': '确定', en: 'OK' },
  'pin.wrong': { 'zh-CN': '密码错误', en: 'Wrong PIN' },
  'pin.locked': { 'zh-CN': '错误次数过多，请 {s} 秒后再试', en: 'Too many wrong tries: try again in {s} s' },
  'refund.title': { 'zh-CN': '退款', en: 'Refund' },
  'refund.hint': {
    'zh-CN': '扫描交易凭证上的二维码，或从今日交易中选择',
    en: "Scan the QR code on the receipt, or pick from today's sales",
  },
  'refund.amount': { 'zh-CN': '退款金额', en: 'Refund amount' },
  'refund.of': { 'zh-CN': '原交易 {a}，可退 {r}', en: 'Sale {a}, refundable {r}' },
  'refund.submit': { 'zh-CN': '确认退款', en: 'Refund' },
  'refund.not_found': {
    'zh-CN': '本终端未找到该交易，请在原收款终端退款',
    en: 'This terminal has no such sale: refund it on the terminal that took it',
  },
  'refund.none': { 'zh-CN': '今日暂无可退款交易', en: 'No refundable sales today' },
  'refund.too_much': { 'zh-CN': '退款金额超过可退金额', en: 'That is more than can be refunded' },
  'today.title': { 'zh-CN': '今日交易', en: "Today's transactions" },
  'today.count': { 'zh-CN': '笔数', en: 'Count' },
  'today.sales': { 'zh-CN': '收款', en: 'Sales' },
  'today.refunds': { 'zh-CN': '退款', en: 'Refunds' },
  'today.net': { 'zh-CN': '净额', en: 'Net' },
  'today.empty': { 'zh-CN': '今日暂无交易', en: 'No transactions today' },
  'today.open': { 'zh-CN': '处理中', en: 'In progress' },
  'settings.title': { 'zh-CN': '设置', en: 'Settings' },
  'settings.terminal': { 'zh-CN': '终端号', en: 'Terminal ID' },
  'settings.merchant': { 'zh-CN': '商户', en: 'Merchant' },
  'settings.fingerprint': { 'zh-CN': '终端密钥指纹', en: 'Key fingerprint' },
  'settings.acquirer': { 'zh-CN': '收单方地址', en: 'Acquirer URL' },
  'settings.same_origin': { 'zh-CN': '（本站）', en: '(this site)' },
  'settings.printer': { 'zh-CN': '打印机', en: 'Printer' },
  'settings.printer_dialog': { 'zh-CN': '浏览器打印对话框', en: "Browser's print dialog" },
  'settings.camera': { 'zh-CN': '摄像头', en: 'Camera' },
  'settings.camera_default': { 'zh-CN': '后置摄像头（默认）', en: 'Rear camera (default)' },
  'settings.language': { 'zh-CN': '语言', en: 'Language' },
  'settings.reactivate': { 'zh-CN': '重新激活', en: 'Activate again' },
  'error.storage_unavailable': {
    'zh-CN': '浏览器存储不可用，无法安全收款：请退出隐身模式或联系管理员',
    en: 'Browser storage is unavailable, so payments cannot be recorded safely: leave private mode or contact your administrator',
  },
  'error.journal_write_failed': {
    'zh-CN': '无法保存交易记录，本笔未发送、未扣款：请检查设备存储后重试',
    en: 'The sale could not be recorded, so it was not sent and nothing was charged: check the device storage and try again',
  },
  'error.journal_unreadable': {
    'zh-CN': '有一条交易记录无法读取，请联系管理员核对',
    en: 'A transaction record could not be read: ask your administrator to reconcile',
  },
  'error.core_failed': {
    'zh-CN': '收款组件加载失败：请刷新页面',
    en: 'The payment component failed to load: reload the page',
  },
  'error.not_activated': { 'zh-CN': '终端未激活', en: 'This terminal is not activated' },
  'error.invalid_activation_code': {
    'zh-CN': '激活码无效、已使用或已过期，请向收单方索取新激活码',
    en: 'The activation code is wrong, used or expired: ask your acquirer for a new one',
  },
  'error.invalid_field': { 'zh-CN': '输入格式不正确', en: 'That is not in the right format' },
  'error.unreachable': {
    'zh-CN': '无法连接收单方：请检查网络',
    en: 'Cannot reach the acquirer: check the network',
  },
  'error.invalid_request': {
    'zh-CN': '无法发起该交易，请检查金额和付款码',
    en: 'That sale cannot be made: check the amount and code',
  },
  'error.refund_exceeds_payment': {
    'zh-CN': '退款金额超过原交易可退金额',
    en: 'The refund is more than the sale has left',
  },
  'error.refund_not_allowed': { 'zh-CN': '该交易不可退款', en: 'This sale cannot be refunded' },
  'error.not_found': { 'zh-CN': '收单方未找到该交易', en: 'The acquirer has no such sale' },
  'offline.title': {
    'zh-CN': '无法连接收单方，暂不能收款。',
    en: 'Cannot reach the acquirer: no payments for now.',
  },
  'offline.hint': {
    'zh-CN': '请检查网线或 Wi-Fi。终端会自动重试，恢复后即可收款。',
    en: 'Check the network cable or Wi-Fi. The terminal keeps trying and takes payments again once it is back.',
  },
  'offline.cannot_sell': {
    'zh-CN': '网络未连接，本笔未收款：请待网络恢复后再收款',
    en: 'No connection, so nothing was charged: take the payment once the network is back',
  },
  'update.applying': { 'zh-CN': '正在更新…', en: 'Updating…' },
  'update.done': { 'zh-CN': '已更新至版本 {v}', en: 'Updated to version {v}' },
  'recovery.reload_hint': {
    'zh-CN': '终端稍后会自动重新加载。',
    en: 'The terminal reloads by itself in a moment.',
  },
  'recovery.reload': { 'zh-CN': '重新加载', en: 'Reload' },
  'recovery.home': { 'zh-CN': '返回首页', en: 'Back to start' },
  'recovery.home_hint': {
    'zh-CN': '终端稍后会自动返回首页。',
    en: 'The terminal returns to the start screen by itself in a moment.',
  },
  'offline.retry': { 'zh-CN': '立即重试', en: 'Retry now' },
  'clock.off': {
    'zh-CN': '终端时间与收单机构相差 {n} 分钟，付款可能被拒绝：请校准系统时间（开启自动对时）。',
    en: "This terminal's clock is {n} min off the acquirer's: payments may be refused. Set the system time (turn on automatic time).",
  },
  'error.no_config': {
    'zh-CN': '无法读取终端配置（qrpos-config.json）：请检查网络',
    en: 'Could not load the terminal set-up (qrpos-config.json): check the network',
  },
  'print.busy': { 'zh-CN': '正在打印…', en: 'Printing…' },
  'print.done': { 'zh-CN': '已打印', en: 'Printed' },
  'print.reprint': { 'zh-CN': '重打印', en: 'Reprint' },
  'print.report': { 'zh-CN': '打印日结报表', en: 'Print daily report' },
  'printer.none': {
    'zh-CN': '未配对打印机：使用浏览器打印对话框',
    en: "No printer paired: the browser's print dialog is used",
  },
  'printer.unsupported_here': {
    'zh-CN': '此浏览器不支持 USB 打印机（iPad、Firefox、Safari）：使用浏览器打印对话框或网络打印机',
    en: "This browser has no USB printing (iPad, Firefox, Safari): the browser's print dialog or a network printer is used",
  },
  'printer.pair': { 'zh-CN': '配对 USB 打印机', en: 'Pair USB printer' },
  'printer.forget': { 'zh-CN': '取消配对', en: 'Forget printer' },
  'printer.paper': { 'zh-CN': '纸宽', en: 'Paper' },
  'printer.mode': { 'zh-CN': '打印方式', en: 'Print as' },
  'printer.mode_text': { 'zh-CN': '中文文本（快）', en: 'Chinese text (fast)' },
  'printer.mode_raster': { 'zh-CN': '图像（任何打印机）', en: 'Image (any printer)' },
  'printer.auto': { 'zh-CN': '收款后自动打印', en: 'Print after each payment' },
  'printer.drawer': { 'zh-CN': '打印后弹开钱箱', en: 'Open cash drawer' },
  'printer.on': { 'zh-CN': '开', en: 'On' },
  'printer.off': { 'zh-CN': '关', en: 'Off' },
  'reconcile.run': { 'zh-CN': '对账', en: 'Reconcile' },
  'reconcile.busy': { 'zh-CN': '正在与收单方对账…', en: 'Reconciling with the acquirer…' },
  'reconcile.ok': { 'zh-CN': '{d} 与收单方账目一致', en: '{d} matches the acquirer' },
  'reconcile.differs': {
    'zh-CN': '{d} 与收单方账目不一致，请联系管理员核对：',
    en: '{d} differs from the acquirer: ask your administrator to check',
  },
  'reconcile.failed': { 'zh-CN': '无法对账，请稍后重试', en: 'Could not reconcile: try again later' },
  'reconcile.terminal': { 'zh-CN': '本终端', en: 'Terminal' },
  'reconcile.acquirer': { 'zh-CN': '收单方', en: 'Acquirer' },
  'reconcile.scheme': { 'zh-CN': '其他', en: 'Other' },
  'reconcile.count': { 'zh-CN': '收款笔数', en: 'Sales' },
  'reconcile.amount': { 'zh-CN': '收款金额（分）', en: 'Sales (minor units)' },
  'reconcile.refund_count': { 'zh-CN': '退款笔数', en: 'Refunds' },
  'reconcile.refund_amount': { 'zh-CN': '退款金额（分）', en: 'Refunds (minor units)' },
  'reconcile.export': { 'zh-CN': '导出交易记录', en: 'Export journal' },
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
  // Merchant scenarios (scenarios/, screens-scenarios.ts).
  'member.chip': { 'zh-CN': '会员 {m}', en: 'Member {m}' },
  'member.remove': { 'zh-CN': '移除会员', en: 'Remove member' },
  'paid.member': { 'zh-CN': '会员', en: 'Member' },
  'paid.points_earned': { 'zh-CN': '本次积分', en: 'Points earned' },
  'paid.points_balance': { 'zh-CN': '积分余额', en: 'Points balance' },
  'paid.tip': { 'zh-CN': '小费', en: 'Tip' },
  'paid.total': { 'zh-CN': '合计', en: 'Total' },
  'paid.table': { 'zh-CN': '桌号', en: 'Table' },
  'paid.for': { 'zh-CN': '项目', en: 'For' },
  'lookup.label.ticket': { 'zh-CN': '票号', en: 'Ticket' },
  'lookup.label.room': { 'zh-CN': '房间', en: 'Room' },
  'lookup.label.bill': { 'zh-CN': '账单', en: 'Bill' },
  'lookup.busy': { 'zh-CN': '正在查询金额…', en: 'Looking up the amount…' },
  'lookup.paying_for': { 'zh-CN': '支付项目：', en: 'Paying for: ' },
  'lookup.paid.title': { 'zh-CN': '已经支付过了', en: 'Already paid' },
  'lookup.paid.hint': {
    'zh-CN': '{l} {c} 已经付过款，无需再次收款。',
    en: '{l} {c} has been paid already: there is nothing to collect.',
  },
  'lookup.unknown.title': { 'zh-CN': '未找到该编号', en: 'Unknown code' },
  'lookup.unknown.hint': {
    'zh-CN': '没有找到 {l} {c}。请核对后重新扫描，或手动输入金额。',
    en: 'No {l} {c} was found. Check it and scan again, or enter the amount by hand.',
  },
  'lookup.failed.title': { 'zh-CN': '查询失败', en: 'Lookup failed' },
  'lookup.failed.hint': {
    'zh-CN': '无法查询 {c} 的金额。请重试，或手动输入金额。',
    en: 'Could not get the amount for {c}. Try again, or enter the amount by hand.',
  },
  'lookup.retry': { 'zh-CN': '重新查询', en: 'Try again' },
  'lookup.by_hand': { 'zh-CN': '手动输入金额', en: 'Enter the amount' },
  'table.bill': { 'zh-CN': '桌台账单', en: 'Table bill' },
  'table.title': { 'zh-CN': '开桌台账单', en: 'Open a table bill' },
  'table.table': { 'zh-CN': '桌号', en: 'Table' },
  'table.amount': { 'zh-CN': '金额', en: 'Amount' },
  'table.open': { 'zh-CN': '开单', en: 'Open the bill' },
  'table.invalid': {
    'zh-CN': '桌号须为 1-16 位字母、数字、- 或 _，请重新输入',
    en: 'A table is 1-16 letters, digits, - or _: type it again',
  },
  'table.waiting': { 'zh-CN': '{t}号桌账单已开', en: 'Table {t} bill open' },
  'table.waiting_hint': {
    'zh-CN': '请顾客扫描桌上的桌台码付款，付款后此处自动显示',
    en: 'The customer scans the table code to pay; this screen shows it when paid',
  },
  'table.paid': { 'zh-CN': '{t}号桌已付款', en: 'Table {t} paid' },
  'table.paid_tip': { 'zh-CN': '{t}号桌已付款，小费 {a}', en: 'Table {t} paid, tip {a}' },
  'table_codes.title': { 'zh-CN': '桌台码', en: 'Table codes' },
  'table_codes.tables': { 'zh-CN': '桌号（如 1-12）', en: 'Tables (e.g. 1-12)' },
  'table_codes.tip': { 'zh-CN': '小费', en: 'Tip' },
  'table_codes.tip_value': { 'zh-CN': '小费金额或百分比', en: 'Tip amount or percent' },
  'table_codes.style': { 'zh-CN': '码制', en: 'Code style' },
  'table_codes.emv': { 'zh-CN': 'EMV 聚合码', en: 'EMV QR' },
  'table_codes.url': { 'zh-CN': '网址码', en: 'Web address' },
  'table_codes.make': { 'zh-CN': '生成桌台码', en: 'Make the codes' },
  'table_codes.print': { 'zh-CN': '打印桌台码', en: 'Print the codes' },
  'table_codes.card': { 'zh-CN': '{t}号桌', en: 'Table {t}' },
  'table_codes.scan': { 'zh-CN': '扫码付款 Scan to pay your bill', en: 'Scan to pay your bill 扫码付款' },
  'table_codes.count': { 'zh-CN': '共 {n} 张桌台码', en: '{n} table codes' },
  'table_codes.tip_none': { 'zh-CN': '不设小费', en: 'No tip' },
  'table_codes.tip_prompt': { 'zh-CN': '顾客自选小费', en: 'The customer chooses a tip' },
  'table_codes.mode_fixed': { 'zh-CN': '固定金额', en: 'A fixed amount' },
  'table_codes.mode_percentage': { 'zh-CN': '按百分比', en: 'A percentage' },
  'nav.scenarios': { 'zh-CN': '会员与查询', en: 'Members & lookups' },
  'nav.table_codes': { 'zh-CN': '桌台码', en: 'Table codes' },
  'table_codes.tip_fixed': { 'zh-CN': '小费 {v} 元', en: 'Tip {v}' },
  'table_codes.tip_percentage': { 'zh-CN': '小费 {v}%', en: 'Tip {v}%' },
  'table_codes.invalid': {
    'zh-CN': '桌号列表无效，请输入如 1-12 或 1,2,A3',
    en: 'Not a list of tables: type something like 1-12 or 1,2,A3',
  },
  'table_codes.invalid_tip': {
    'zh-CN': '小费无效：固定金额如 5.00，百分比如 10',
    en: 'Not a valid tip: an amount such as 5.00, or a percent such as 10',
  },
  'scenarios.title': { 'zh-CN': '会员与查询', en: 'Members and lookups' },
  'scenarios.hint': {
    'zh-CN': '格式：# 一位数字，@ 一个字母，* 字母或数字，其他字符按原样，如 VIP##########',
    en: 'Patterns: # a digit, @ a letter, * a letter or digit, anything else as it is, e.g. VIP##########',
  },
  'scenarios.member': { 'zh-CN': '会员码格式', en: 'Member code pattern' },
  'scenarios.lookup': { 'zh-CN': '查询码格式 {n}', en: 'Lookup pattern {n}' },
  'scenarios.source': { 'zh-CN': '金额来源', en: 'Amounts come from' },
  'scenarios.source_host': { 'zh-CN': '商户页面', en: 'The host page' },
  'scenarios.source_acquirer': { 'zh-CN': '收单机构', en: 'The acquirer' },
  'scenarios.save': { 'zh-CN': '保存', en: 'Save' },
  'scenarios.saved': { 'zh-CN': '已保存', en: 'Saved' },
  'scenarios.invalid': {
    'zh-CN': '格式无效：请只用 # @ * 和可打印字符，最多 64 个',
    en: 'Not a valid pattern: use # @ * and printable characters, at most 64',
  },
  'self_service.hint': {
    'zh-CN': '请用手机扫描上方二维码，或将付款码对准摄像头',
    en: 'Scan this code with your phone, or hold your payment code to the camera',
  },
  'error.reference_paid': {
    'zh-CN': '该项目已经付过款，顾客未被扣款，请勿重复收款',
    en: 'This has been paid already and the customer was not charged: do not collect it again',
  },
  'error.reference_amount': {
    'zh-CN': '账单金额已变更，顾客未被扣款，请重新扫描账单',
    en: 'The bill has changed since it was looked up and the customer was not charged: scan the bill again',
  },
  'error.lookup_unavailable': {
    'zh-CN': '此页面没有提供金额查询，请手动输入金额',
    en: 'This page does not look codes up: enter the amount by hand',
  },
  'error.unknown_currency': {
    'zh-CN': '币种与本终端不符，请手动输入金额',
    en: "The currency is not this terminal's: enter the amount by hand",
  },
  'error.other': {
    'zh-CN': '收款失败，请重试或联系管理员',
    en: 'The payment failed: try again or contact your administrator',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

/** Every key, for tests that walk them (test/web/recovery.test.mjs). */
export const STRING_KEYS = Object.keys(STRINGS) as StringKey[];

export function t(key: StringKey, locale: Locale, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** A key from outside (core message key, error code) if we have it, else the fallback. */
export function tAny(key: string, locale: Locale, fallback: StringKey): string {
  if (key in STRINGS) return STRINGS[key as StringKey][locale];
  // Printer problems carry their own bilingual what-to-do texts (sdk/printer-status.ts).
  const printer = key.startsWith('printer.') && PRINTER_MESSAGES[key.slice(8) as PrinterProblem];
  return printer ? printer[locale] : STRINGS[fallback][locale];
}

// A framed terminal may be denied storage (third-party storage blocked): the
// language choice is a convenience, never a reason to fail.
export function savedLocale(): Locale | undefined {
  try {
    const saved = localStorage.getItem('qrpos.locale');
    return saved === 'en' || saved === 'zh-CN' ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem('qrpos.locale', locale);
  } catch {
    // not kept: the next start uses the element's attribute or zh-CN
  }
}
