import CCurl
import Foundation

/// Sends one webhook post or one e-mail with the distribution's libcurl, loaded on first use; blocking, so it runs on a delivery thread.
enum CurlTransport {
    /// A body being uploaded (SMTP), read by libcurl's read callback.
    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    /// Why libcurl cannot be used (not installed, or it did not start), or nil once it is loaded; loaded on first use.
    static let unavailable: String? = gameday_curl_load().map { String(cString: $0) }

    /// One transfer to `url`, limited to `protocols`: a new handle with the options every transfer takes, given to
    /// `body` to set up and perform, then cleaned up.
    private static func transfer<T>(url: String, protocols: String, timeout: Double,
                                    _ body: (UnsafeMutableRawPointer) -> Result<T, DeliveryFailure>) -> Result<T, DeliveryFailure> {
        if let unavailable { return .failure(DeliveryFailure(unavailable)) }
        guard let handle = gameday_curl_easy_init() else { return .failure(DeliveryFailure("libcurl could not start a transfer")) }
        defer { gameday_curl_easy_cleanup(handle) }
        gameday_curl_set_string(handle, CURLOPT_URL, url)
        // libcurl before 7.85 cannot restrict the protocols: then the transfer is not made.
        guard gameday_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, protocols) == CURLE_OK else {
            return .failure(DeliveryFailure("the libcurl installed cannot restrict a transfer to \(protocols) (CURLOPT_PROTOCOLS_STR); install libcurl 7.85 or later"))
        }
        gameday_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        gameday_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        gameday_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(min(timeout, 10) * 1000))
        gameday_curl_set_string(handle, CURLOPT_USERAGENT, "gameday-delivery")
        return body(handle)
    }

    /// What `curl_easy_perform` answered, its error in words.
    private static func performed(_ code: CURLcode) -> Result<Void, DeliveryFailure> {
        code == CURLE_OK ? .success(()) : .failure(DeliveryFailure(String(cString: gameday_curl_easy_strerror(code))))
    }

    /// Posts `body` to `url` as `contentType`; returns the HTTP status, or why no status came back.
    static func post(url: String, body: [UInt8], contentType: String, timeout: Double) -> Result<Int, DeliveryFailure> {
        transfer(url: url, protocols: "http,https", timeout: timeout) { handle in
            var headers: UnsafeMutablePointer<curl_slist>?
            headers = gameday_curl_slist_append(headers, "Content-Type: \(contentType)")
            headers = gameday_curl_slist_append(headers, "Expect:")
            defer { gameday_curl_slist_free_all(headers) }
            gameday_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
            gameday_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headers)
            gameday_curl_set_io(handle, CURLOPT_WRITEFUNCTION) { _, size, count, _ in size * count }
            let code: CURLcode = body.withUnsafeBytes { raw in
                gameday_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, raw.count)
                gameday_curl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
                return gameday_curl_easy_perform(handle)
            }
            return performed(code).map {
                var status = 0
                gameday_curl_response_code(handle, &status)
                return status
            }
        }
    }

    /// Sends `message` from `from` to `recipients` through the SMTP server at `host:port`.
    static func mail(host: String, port: Int, tls: DeliveryTarget.TLSMode, caFile: String?, username: String?, password: String?,
                     from: String, recipients: [String], message: [UInt8], timeout: Double) -> Result<Void, DeliveryFailure> {
        let scheme = tls == .implicit ? "smtps" : "smtp"
        return transfer(url: "\(scheme)://\(host):\(port)", protocols: scheme, timeout: timeout) { handle in
            let useSSL: curl_usessl
            if tls.requiresEncryption(loggingIn: username != nil) { useSSL = CURLUSESSL_ALL } else if tls == .none { useSSL = CURLUSESSL_NONE } else { useSSL = CURLUSESSL_TRY }
            gameday_curl_set_long(handle, CURLOPT_USE_SSL, Int(useSSL.rawValue))
            if let caFile { gameday_curl_set_string(handle, CURLOPT_CAINFO, caFile) }
            if let username, let password {
                gameday_curl_set_string(handle, CURLOPT_USERNAME, username)
                gameday_curl_set_string(handle, CURLOPT_PASSWORD, password)
            }
            gameday_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(from)>")
            var rcpt: UnsafeMutablePointer<curl_slist>?
            for r in recipients { rcpt = gameday_curl_slist_append(rcpt, "<\(r)>") }
            defer { gameday_curl_slist_free_all(rcpt) }
            gameday_curl_set_pointer(handle, CURLOPT_MAIL_RCPT, rcpt)
            gameday_curl_set_long(handle, CURLOPT_UPLOAD, 1)
            let upload = Upload(message)
            let context = Unmanaged.passRetained(upload)
            defer { context.release() }
            gameday_curl_set_pointer(handle, CURLOPT_READDATA, context.toOpaque())
            gameday_curl_set_io(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
                let n = min(size * count, upload.bytes.count - upload.offset)
                guard n > 0 else { return 0 }
                upload.bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + upload.offset, byteCount: n)
                }
                upload.offset += n
                return n
            }
            return performed(gameday_curl_easy_perform(handle))
        }
    }
}

/// Why one delivery attempt failed.
public struct DeliveryFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, in words.
    public var description: String
    init(_ description: String) { self.description = description }
}
