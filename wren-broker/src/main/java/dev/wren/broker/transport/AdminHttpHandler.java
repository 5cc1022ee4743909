package dev.wren.broker.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The read-only admin endpoint: {@code GET /metrics} (Prometheus text) and {@code GET /health}
 * (200 while the broker serves, 503 once it is stopping), for scrapers and orchestrators.
 * Anything else: 404, or 405 for another method. Sharable: it holds only suppliers.
 */
@ChannelHandler.Sharable
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Supplier<String> metrics;
    private final BooleanSupplier serving;

    AdminHttpHandler(Supplier<String> metrics, BooleanSupplier serving) {
        this.metrics = metrics;
        this.serving = serving;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        FullHttpResponse response;
        if (!path.equals("/metrics") && !path.equals("/health")) {
            response = text(request, HttpResponseStatus.NOT_FOUND, "not found: try /metrics or /health\n", "text/plain");
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            response = text(request, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n", "text/plain");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        } else if (path.equals("/metrics")) {
            response = text(request, HttpResponseStatus.OK, metrics.get(), "text/plain; version=0.0.4");
        } else if (serving.getAsBoolean()) {
            response = text(request, HttpResponseStatus.OK, "{\"status\":\"up\"}\n", "application/json");
        } else {
            response = text(request, HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"stopping\"}\n",
                    "application/json");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse text(FullHttpRequest request, HttpResponseStatus status, String body,
            String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(request.protocolVersion(), status,
                request.method().equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
