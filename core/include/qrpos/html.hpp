// HTML escaping for text built into pages and receipts.
#pragma once

#include <string>
#include <string_view>

namespace qrpos::html {

// Escapes & < > " ' (as &amp; &lt; &gt; &quot; &#39;), so the result is safe both as
// element text and inside a quoted attribute value. Every other byte is kept as is.
std::string escape(std::string_view text);

}  // namespace qrpos::html
