// A client for QEMU's machine protocol (QMP, JSON lines over a unix socket), used for screendump. Every
// wait is bounded by the run's deadline, so a wedged QEMU fails the test instead of hanging it.
using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace MinimalOS.Tests.Boot.Qemu
{
    public sealed class QmpClient : IDisposable
    {
        private readonly Socket _socket;
        private readonly StreamReader _reader;
        private readonly StreamWriter _writer;

        private QmpClient(Socket socket)
        {
            _socket = socket;
            var stream = new NetworkStream(socket, ownsSocket: false);
            _reader = new StreamReader(stream, new UTF8Encoding(false));
            _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        }

        /// <summary>Connects (QEMU creates the socket while starting up) and negotiates capabilities.</summary>
        public static QmpClient Connect(string socketPath, DateTime deadlineUtc)
        {
            while (true)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    socket.Connect(new UnixDomainSocketEndPoint(socketPath));
                    var client = new QmpClient(socket);
                    client.SetDeadline(deadlineUtc);
                    client.ReadMessage("the QMP greeting");
                    client.Execute("qmp_capabilities", null, deadlineUtc);
                    return client;
                }
                catch (SocketException) when (DateTime.UtcNow < deadlineUtc)
                {
                    socket.Dispose();
                    Thread.Sleep(50);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
        }

        /// <summary>Runs a command and returns its "return" value; a QMP "error" becomes an exception.</summary>
        public JsonElement Execute(string command, object arguments, DateTime deadlineUtc)
        {
            SetDeadline(deadlineUtc);
            string request = arguments is null
                ? JsonSerializer.Serialize(new { execute = command })
                : JsonSerializer.Serialize(new { execute = command, arguments });
            _writer.WriteLine(request);
            while (true)
            {
                using JsonDocument reply = ReadMessage($"the reply to {command}");
                JsonElement root = reply.RootElement;
                if (root.TryGetProperty("return", out JsonElement result))
                    return result.Clone();
                if (root.TryGetProperty("error", out JsonElement error))
                    throw new InvalidOperationException($"QMP {command} failed: {error}");
                // Anything else is an asynchronous event: not the reply.
            }
        }

        private JsonDocument ReadMessage(string what)
        {
            string line;
            try
            {
                line = _reader.ReadLine();
            }
            catch (IOException e)
            {
                throw new TimeoutException($"no {what} from QEMU: {e.Message}", e);
            }
            if (line is null)
                throw new EndOfStreamException($"QEMU closed the QMP socket before {what}");
            return JsonDocument.Parse(line);
        }

        private void SetDeadline(DateTime deadlineUtc)
        {
            double remaining = (deadlineUtc - DateTime.UtcNow).TotalMilliseconds;
            _socket.ReceiveTimeout = (int)Math.Clamp(remaining, 1, int.MaxValue);
        }

        public void Dispose()
        {
            _reader.Dispose();
            _writer.Dispose();
            _socket.Dispose();
        }
    }
}
