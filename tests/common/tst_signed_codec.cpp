// Tickets and tokens: round trips, every single-byte flip rejected, keys rotated and unknown.
#include "common/base64url.h"
#include "common/signed_codec.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <sys/stat.h>

using namespace sluice;

class TstSignedCodec : public QObject {
    Q_OBJECT
    static std::shared_ptr<const KeyRing> ring(uint8_t id, char fill) {
        auto r = std::make_shared<KeyRing>();
        r->add(id, std::string(32, fill));
        return r;
    }
    static Claims sample(uint64_t n) {
        return Claims{ClaimKind::Ticket, "53-54", n, 1626692400000 + int64_t(n), 0, n * 7919 + 13};
    }

private slots:
    void base64urlRoundTripAndCanonical() {
        std::mt19937 rng(7);
        for (int len = 0; len < 70; ++len) {
            std::string bytes(len, '\0');
            for (auto& b : bytes)
                b = static_cast<char>(rng());
            std::string text = base64urlEncode(bytes);
            QVERIFY(text.find('=') == std::string::npos);
            std::string back;
            QVERIFY(base64urlDecode(text, back));
            QCOMPARE(back, bytes);
        }
        std::string out;
        QVERIFY(!base64urlDecode("ab+c", out)); // '+' is not base64url
        QVERIFY(!base64urlDecode("a", out));    // impossible length
        out.clear();
        QVERIFY(!base64urlDecode("AB", out)); // non-zero leftover bits: not canonical
    }

    void roundTrip() {
        SignedCodec codec(ring(1, 'k'));
        Claims c{ClaimKind::AdmissionToken, "18-49", 1'505'074, 1626692400123, 1626693600123,
                 0xDEADBEEFCAFEF00Dull};
        auto d = codec.decode(codec.encode(c));
        QVERIFY(d);
        QVERIFY(*d.claims == c);
    }

    void everySingleByteFlipRejected() {
        SignedCodec codec(ring(1, 'k'));
        std::mt19937 rng(42);
        int checked = 0;
        for (uint64_t n = 0; n < 10'000; ++n) {
            std::string text = codec.encode(sample(n));
            std::string raw;
            QVERIFY(base64urlDecode(text, raw));
            // Flip one byte at one position per ticket, cycling positions, plus a random bit.
            for (std::size_t pos = n % 7; pos < raw.size(); pos += 7) {
                std::string bad = raw;
                bad[pos] = static_cast<char>(bad[pos] ^ (1 + rng() % 255));
                auto d = codec.decode(base64urlEncode(bad));
                if (d)
                    QFAIL(qPrintable(
                        QString("flip at byte %1 of ticket %2 accepted").arg(pos).arg(n)));
                ++checked;
            }
        }
        QVERIFY(checked > 100'000);
    }

    void everyByteOfOneTicketAndTruncation() {
        SignedCodec codec(ring(1, 'k'));
        std::string text = codec.encode(sample(99));
        std::string raw;
        QVERIFY(base64urlDecode(text, raw));
        for (std::size_t pos = 0; pos < raw.size(); ++pos)
            for (int x = 1; x < 256; x += 17) {
                std::string bad = raw;
                bad[pos] = static_cast<char>(bad[pos] ^ x);
                QVERIFY(!codec.decode(base64urlEncode(bad)));
            }
        for (std::size_t len = 0; len < text.size(); ++len)
            QVERIFY(!codec.decode(text.substr(0, len)));
        QVERIFY(!codec.decode(text + "A"));
        QVERIFY(!codec.decode(std::string(5000, 'A')));
        QCOMPARE(codec.decode("!!!").error, CodecError::Malformed);
    }

    void forgedWithAnotherKeyRejected() {
        SignedCodec real(ring(1, 'k')), forger(ring(1, 'x'));
        auto d = real.decode(forger.encode(sample(1)));
        QVERIFY(!d);
        QCOMPARE(d.error, CodecError::BadSignature);
        SignedCodec otherId(ring(9, 'k'));
        auto u = real.decode(otherId.encode(sample(1)));
        QCOMPARE(u.error, CodecError::UnknownKey);
    }

    void keyRotationKeepsPreviousKey() {
        QTemporaryDir dir;
        std::string path = dir.filePath("signing-keys").toStdString();
        auto first = std::make_shared<KeyRing>(KeyRing::loadOrCreate(path));
        struct stat st {};
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        std::string oldTicket = SignedCodec(first).encode(sample(5));
        auto second = std::make_shared<KeyRing>(KeyRing::rotate(path));
        QVERIFY(second->currentKeyId() != first->currentKeyId());
        SignedCodec codec2(second);
        QVERIFY(codec2.decode(oldTicket));                // previous key still verifies
        QVERIFY(codec2.decode(codec2.encode(sample(6)))); // current key signs
        auto third = std::make_shared<KeyRing>(KeyRing::rotate(path));
        QVERIFY(!SignedCodec(third).decode(oldTicket)); // two rotations later: gone
        // Loading again gives the same ring.
        auto reloaded = std::make_shared<KeyRing>(KeyRing::loadOrCreate(path));
        QCOMPARE(reloaded->currentKeyId(), third->currentKeyId());
        QVERIFY(SignedCodec(reloaded).decode(SignedCodec(third).encode(sample(7))));
    }

    void corruptKeyFileIsAClearError() {
        QTemporaryDir dir;
        QFile f(dir.filePath("signing-keys"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("1 nothex\n");
        f.close();
        try {
            KeyRing::loadOrCreate(dir.filePath("signing-keys").toStdString());
            QFAIL("accepted a corrupt key file");
        } catch (const std::runtime_error& e) {
            QVERIFY(QString(e.what()).contains("signing-keys:1"));
        }
    }
};

QTEST_APPLESS_MAIN(TstSignedCodec)
#include "tst_signed_codec.moc"
