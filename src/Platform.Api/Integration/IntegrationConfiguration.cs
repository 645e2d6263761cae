using Platform.Contracts.Integration;
using Wolverine;
using Wolverine.Marten;
using Wolverine.RabbitMQ;

namespace Platform.Api.Integration;

public static class IntegrationConfiguration
{
    /// <summary>The topic exchange integration messages are published to; consumers bind their own durable queues to it.</summary>
    public const string Exchange = "platform.integration";

    /// <summary>
    /// Integration events over RabbitMQ, only when <c>RabbitMq__Uri</c> is set (e.g. <c>amqp://user:pass@host:5672/vhost</c>): the relay
    /// subscription feeds Wolverine's durable outbox, which sends to a durable topic exchange with publisher confirms, so a message leaves
    /// the outbox only once the broker has taken it.
    /// </summary>
    public static WebApplicationBuilder AddIntegrationEvents(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["RabbitMq:Uri"] is not { Length: > 0 } uri) return builder;
        builder.Services.ConfigureWolverine(options =>
        {
            options.UseRabbitMq(new Uri(uri))
                .AutoProvision()
                .ConfigureChannelCreation(channel =>
                {
                    channel.PublisherConfirmationsEnabled = true;
                    channel.PublisherConfirmationTrackingEnabled = true;
                });
            options.Publish(publish =>
            {
                publish.MessagesImplementing<IIntegrationMessage>();
                publish.ToRabbitTopics(Exchange)
                    .UseDurableOutbox()
                    // The envelope id is the AMQP message id: derived from the event, it is the same on every retry and replay.
                    .CustomizeOutgoingMessagesOfType<IIntegrationMessage>((envelope, message) =>
                    {
                        envelope.Id = message.MessageId;
                        envelope.TopicName = message.Type;
                    });
            });
        });
        builder.Services.SubscribeToEvents(new IntegrationRelay());
        return builder;
    }
}
