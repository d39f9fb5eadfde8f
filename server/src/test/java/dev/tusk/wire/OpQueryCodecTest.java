package dev.tusk.wire;

import static dev.tusk.wire.OpMsgCodecTest.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class OpQueryCodecTest {

    @Test
    void legacyHandshake() {
        WireRequest r = decode(WireBytes.opQuery(11, "admin.$cmd", "{isMaster: 1, helloOk: true, client: {driver: {name: 'x'}}}"));
        assertEquals(11, r.requestId());
        assertEquals(Optional.of("admin.$cmd"), r.legacyNamespace());
        assertEquals(BsonDocument.parse("{isMaster: 1, helloOk: true, client: {driver: {name: 'x'}}, $db: 'admin'}"),
                r.command());
        assertFalse(r.moreToCome());
    }

    @Test
    void wrappedQueryIsUnwrappedWithItsDollarFields() {
        WireRequest r = decode(WireBytes.opQuery(1, "test.$cmd",
                "{$query: {ismaster: 1}, $readPreference: {mode: 'secondaryPreferred'}, $comment: 'c'}"));
        assertEquals(BsonDocument.parse("""
                {ismaster: 1, $readPreference: {mode: 'secondaryPreferred'}, $comment: 'c', $db: 'test'}"""),
                r.command());
        WireRequest legacyName = decode(WireBytes.opQuery(1, "admin.$cmd",
                "{query: {hello: 1}, $readPreference: {mode: 'primary'}}"));
        assertEquals(BsonDocument.parse("{hello: 1, $readPreference: {mode: 'primary'}, $db: 'admin'}"),
                legacyName.command());
    }

    @Test
    void returnFieldsSelectorIsAcceptedAndIgnored() {
        byte[] message = WireBytes.message(2, WireBytes.OP_QUERY, new WireBytes().int32(0).cstring("admin.$cmd")
                .int32(0).int32(1).doc("{hello: 1}").doc("{a: 1}").toBytes());
        assertEquals(BsonDocument.parse("{hello: 1, $db: 'admin'}"), decode(message).command());
    }

    @Test
    void malformedQueriesAreRejected() {
        byte[] trailing = WireBytes.message(2, WireBytes.OP_QUERY, new WireBytes().int32(0).cstring("admin.$cmd")
                .int32(0).int32(1).doc("{hello: 1}").bytes(new byte[] {1, 2, 3}).toBytes());
        assertThrows(MalformedMessageException.class, () -> decode(trailing));
        byte[] noNul = WireBytes.message(2, WireBytes.OP_QUERY, new WireBytes().int32(0).bytes("admin".getBytes()).toBytes());
        assertThrows(MalformedMessageException.class, () -> decode(noNul));
        byte[] noQuery = WireBytes.message(2, WireBytes.OP_QUERY, new WireBytes().int32(0).cstring("admin.$cmd")
                .int32(0).int32(1).toBytes());
        assertThrows(MalformedMessageException.class, () -> decode(noQuery));
    }

    @Test
    void answeredWithOpReply() {
        WireRequest request = decode(WireBytes.opQuery(77, "admin.$cmd", "{isMaster: 1}"));
        ByteBuf out = ReplyEncoder.encode(ByteBufAllocator.DEFAULT, request, BsonDocument.parse("{ok: 1.0, ismaster: true}"), 5);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes).release();
        WireBytes.Reply reply = WireBytes.parseReply(bytes);
        assertEquals(WireBytes.OP_REPLY, reply.opCode());
        assertEquals(5, reply.requestId());
        assertEquals(77, reply.responseTo());
        assertEquals(8, reply.flags()); // AwaitCapable
        assertEquals(BsonDocument.parse("{ok: 1.0, ismaster: true}"), reply.document());
    }
}
